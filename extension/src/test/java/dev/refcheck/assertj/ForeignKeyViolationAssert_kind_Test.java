package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.refcheck.jupiter.RefCheck;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** isMissingParent and isParentStillReferenced, including a self-reference where both tables are the same. */
@RefCheck(schema = "classpath:db/actions.sql")
class ForeignKeyViolationAssert_kind_Test {

    @Test
    void passes_for_a_missing_parent_on_insert_and_on_update_of_the_child(Connection connection) {
        assertThatForeignKeyViolation(() -> Db.exec(connection, "INSERT INTO no_actions VALUES (1, 99)"))
                .isMissingParent();
        assertThatForeignKeyViolation(() -> Db.exec(connection, "UPDATE no_actions SET parent_id = 99"))
                .isMissingParent();
    }

    @Test
    void passes_for_a_parent_deleted_or_rekeyed(Connection connection) {
        assertThatForeignKeyViolation(() -> Db.exec(connection, "DELETE FROM parent WHERE id = 5"))
                .isParentStillReferenced();
        assertThatForeignKeyViolation(() -> Db.exec(connection, "UPDATE parent SET id = 50 WHERE id = 5"))
                .isParentStillReferenced();
    }

    @Test
    void tells_the_kinds_apart_on_a_self_reference(Connection connection) throws Exception {
        // GIVEN
        Db.exec(connection, "CREATE TABLE employee (id int PRIMARY KEY, boss int"
                        + " CONSTRAINT employee_boss_fk REFERENCES employee)",
                "INSERT INTO employee VALUES (1, NULL), (2, 1)");
        // THEN
        assertThatForeignKeyViolation(() -> Db.exec(connection, "INSERT INTO employee VALUES (3, 9)"))
                .isMissingParent().hasReferencingTable("employee").hasReferencedTable("employee");
        assertThatForeignKeyViolation(() -> Db.exec(connection, "DELETE FROM employee WHERE id = 1"))
                .isParentStillReferenced().hasReferencingTable("employee").hasReferencedTable("employee");
    }

    @Test
    void fails_for_the_other_kind(Connection connection) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKeyViolation(
                        () -> Db.exec(connection, "DELETE FROM parent WHERE id = 5"))
                        .isMissingParent())
                .withMessageStartingWith(String.format("%n"
                        + "Expecting the foreign key violation to have kind:%n"
                        + "  a referencing row points to a missing parent%n"
                        + "but was:%n"
                        + "  a referenced parent row was deleted or its key changed%n"
                        + "Violation:%n"));
    }
}
