package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

@RefCheck(schema = "classpath:db/actions.sql")
class ForeignKeyViolationAssert_hasConstraint_Test {

    @Test
    void passes_for_the_violated_constraint(Connection connection) {
        assertThatForeignKeyViolation(() -> Db.exec(connection, "INSERT INTO restricts VALUES (1, 99)"))
                .hasConstraint("restricts_parent_fk");
    }

    @Test
    void fails_for_another_constraint_showing_the_violation(Connection connection, TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKeyViolation(
                        () -> Db.exec(connection, "INSERT INTO restricts VALUES (1, 99)"))
                        .using(database).hasConstraint("no_actions_parent_fk"))
                .withMessage(String.format("%n"
                        + "Expecting the foreign key violation to have constraint:%n"
                        + "  \"no_actions_parent_fk\"%n"
                        + "but was:%n"
                        + "  \"restricts_parent_fk\"%n"
                        + "Violation:%n"
                        + "  constraint:        restricts_parent_fk%n"
                        + "  referencing table: public.restricts(parent_id)%n"
                        + "  referenced table:  public.parent(id)%n"
                        + "  key:               (parent_id)=(99)%n"
                        + "  kind:              a referencing row points to a missing parent%n"
                        + "PostgreSQL said:%n"
                        + "  insert or update on table \"restricts\" violates foreign key constraint"
                        + " \"restricts_parent_fk\" / Key (parent_id)=(99) is not present in table \"parent\"."));
    }
}
