package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.refcheck.jupiter.RefCheck;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** hasPartlyNullKey: MATCH FULL refuses a half-null key and PostgreSQL then shows no key values. */
@RefCheck(schema = "classpath:db/actions.sql")
class ForeignKeyViolationAssert_hasPartlyNullKey_Test {

    @BeforeEach
    void matchFullChild(Connection connection) throws SQLException {
        Db.exec(connection, "CREATE TABLE full_match (id int PRIMARY KEY, region text, code text,"
                + " CONSTRAINT full_match_parent_fk FOREIGN KEY (region, code) REFERENCES parent (region, code)"
                + " MATCH FULL)");
    }

    @Test
    void passes_for_a_half_null_key_under_match_full(Connection connection) {
        assertThatForeignKeyViolation(() -> Db.exec(connection, "INSERT INTO full_match VALUES (1, 'eu', NULL)"))
                .using(connection).hasConstraint("full_match_parent_fk").hasReferencedTable("parent")
                .hasPartlyNullKey();
    }

    @Test
    void fails_for_a_full_key_that_is_missing(Connection connection) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKeyViolation(
                        () -> Db.exec(connection, "INSERT INTO full_match VALUES (1, 'eu', 'x')"))
                        .hasPartlyNullKey())
                .withMessageStartingWith(String.format("%n"
                        + "Expecting the foreign key violation to have key:%n"
                        + "  partly null, refused by MATCH FULL%n"
                        + "but was:%n"
                        + "  (region, code)=(eu, x)%n"
                        + "Violation:%n"));
    }

    @Test
    void hasKeyValues_says_why_there_are_none(Connection connection) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKeyViolation(
                        () -> Db.exec(connection, "INSERT INTO full_match VALUES (1, 'eu', NULL)"))
                        .using(connection).hasKeyValues("eu", null))
                .withMessage(String.format("%n"
                        + "Expecting the foreign key violation to have key values:%n"
                        + "  (eu, null)%n"
                        + "but was:%n"
                        + "  none shown: the key is partly null, which MATCH FULL refuses (assert it with"
                        + " hasPartlyNullKey())%n"
                        + "Violation:%n"
                        + "  constraint:        full_match_parent_fk%n"
                        + "  referencing table: public.full_match(region, code)%n"
                        + "  referenced table:  public.parent(region, code)%n"
                        + "  key:               none shown: the key is partly null, which MATCH FULL refuses"
                        + " (assert it with hasPartlyNullKey())%n"
                        + "  kind:              a referencing row points to a missing parent%n"
                        + "PostgreSQL said:%n"
                        + "  insert or update on table \"full_match\" violates foreign key constraint"
                        + " \"full_match_parent_fk\" / MATCH FULL does not allow mixing of null and nonnull key"
                        + " values."));
    }
}
