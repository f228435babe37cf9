package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.refcheck.jupiter.RefCheck;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** hasKeyColumns and hasKeyValues. */
@RefCheck(schema = "classpath:db/actions.sql")
class ForeignKeyViolationAssert_hasKey_Test {

    @Test
    void passes_for_a_composite_key_of_the_child(Connection connection) {
        assertThatForeignKeyViolation(() -> Db.exec(connection, "INSERT INTO composite VALUES (1, 'eu', 'x, y')"))
                .hasKeyColumns("region", "code").hasKeyValues("eu", "x, y");
    }

    @Test
    void passes_for_the_parent_key_when_the_parent_is_deleted(Connection connection) {
        assertThatForeignKeyViolation(() -> Db.exec(connection, "DELETE FROM parent WHERE id = 4"))
                .hasKeyColumns("id").hasKeyValues(4);
    }

    @Test
    void fails_for_other_values(Connection connection) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKeyViolation(
                        () -> Db.exec(connection, "INSERT INTO composite VALUES (1, 'eu', 'x')"))
                        .hasKeyValues("eu", "y"))
                .withMessageStartingWith(String.format("%n"
                        + "Expecting the foreign key violation to have key values:%n"
                        + "  (eu, y)%n"
                        + "but was:%n"
                        + "  (eu, x)%n"
                        + "Violation:%n"))
                .withMessageEndingWith(String.format("%n"
                        + "PostgreSQL said:%n"
                        + "  insert or update on table \"composite\" violates foreign key constraint"
                        + " \"composite_parent_fk\" / Key (region, code)=(eu, x) is not present in table"
                        + " \"parent\"."));
    }

    @Test
    void fails_for_other_columns(Connection connection) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKeyViolation(
                        () -> Db.exec(connection, "INSERT INTO composite VALUES (1, 'eu', 'x')"))
                        .hasKeyColumns("code", "region"))
                .withMessageStartingWith(String.format("%n"
                        + "Expecting the foreign key violation to have key columns:%n"
                        + "  (code, region)%n"
                        + "but was:%n"
                        + "  (region, code)%n"));
    }
}
