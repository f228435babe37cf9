package dev.refcheck.samples;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatParentDeleted;
import static dev.refcheck.samples.Jdbc.execute;
import static dev.refcheck.samples.Jdbc.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ServerErrorMessage;

/**
 * In production: someone deletes an account that invoices still point at, and the delete fails; or it
 * succeeds and silently takes logins with it, or blanks ticket assignees. Which one happens is decided by the
 * FK's ON DELETE action, not by the application. refcheck checks each FK's action by doing the delete on a real
 * PostgreSQL (in a savepoint it rolls back) and watching the referencing rows, even when other tables reference
 * the same account; the last two tests show the one difference between RESTRICT and NO ACTION: only NO ACTION
 * can wait for the commit.
 */
@DisplayName("02. Delete a referenced parent")
@RefCheck(schema = "classpath:samples/delete-parent.sql")
class S02DeleteParentTest {

    @Test
    void noActionRefusesTheDeleteAndNamesTheChildTable(TestDatabase db, Connection connection) throws SQLException {
        execute(connection, "INSERT INTO account VALUES (1, 'Ada')", "INSERT INTO invoice VALUES (10, 1)");

        assertThatForeignKeyViolation(() -> execute(connection, "DELETE FROM account WHERE id = 1")).using(db)
                .isParentStillReferenced().hasConstraint("invoice_account_id_fkey")
                .hasReferencingTable("invoice") // PostgreSQL reports the child even though account was deleted
                .hasReferencedTable("account").hasKeyColumns("id").hasKeyValues(1);
    }

    @Test
    void truncateRefusesAReferencedTableWhateverItsRows(Connection connection) {
        ServerErrorMessage error = refusal(() -> execute(connection, "TRUNCATE account"));

        assertThat(error.getSQLState()).as("not a FK violation: TRUNCATE skips the row checks").isEqualTo("0A000");
        assertThat(error.getMessage()).isEqualTo("cannot truncate a table referenced in a foreign key constraint");
        assertThat(error.getHint()).contains("or use TRUNCATE ... CASCADE");
    }

    @Test
    void eachForeignKeyDoesItsOwnActionOnAnAccountReferencedFromEveryTable(TestDatabase db, Connection connection)
            throws SQLException {
        execute(connection, "INSERT INTO account VALUES (1, 'Ada')", "INSERT INTO invoice VALUES (10, 1)",
                "INSERT INTO login VALUES (20, 1)", "INSERT INTO ticket VALUES (30, 1)",
                "INSERT INTO post VALUES (40, 1)", "INSERT INTO draft VALUES (50, 1)",
                "INSERT INTO audit_entry VALUES (60, 1)");
        connection.commit(); // runs the deferred checks of these inserts; under refcheck the test's transaction goes on

        // the invoice alone would refuse the delete: each check sets the other FKs to account aside
        assertThatParentDeleted(db, "invoice_account_id_fkey", 1).isNoAction();
        assertThatParentDeleted(db, "login_account_id_fkey", 1).cascades();
        assertThatParentDeleted(db, "ticket_assignee_id_fkey", 1).setsNull();
        assertThatParentDeleted(db, "post_author_id_fkey", 1).setsDefault();
    }

    @Test
    void setDefaultNeedsItsDefaultParent(Connection connection) throws SQLException {
        execute(connection, "INSERT INTO account VALUES (1, 'Ada')", "INSERT INTO post VALUES (40, 1)",
                "DELETE FROM account WHERE id = 0");

        assertThatForeignKeyViolation(() -> execute(connection, "DELETE FROM account WHERE id = 1"))
                .isMissingParent() // a DELETE on account, reported as a write to post pointing at nothing
                .hasConstraint("post_author_id_fkey").hasKeyColumns("author_id").hasKeyValues(0);
    }

    /** refcheck's default isolation keeps the test in one transaction: commit() there checks deferred FKs. */
    @Test
    void deferredNoActionAllowsTheParentBackBeforeCommit(TestDatabase db, Connection connection) throws SQLException {
        execute(connection, "INSERT INTO account VALUES (1, 'Ada')", "INSERT INTO draft VALUES (50, 1)");
        connection.commit();
        assertThatParentDeleted(db, "draft_account_id_fkey", 1).isNoAction(); // refused only at commit

        execute(connection, "DELETE FROM account WHERE id = 1", "INSERT INTO account VALUES (1, 'Ada again')");
        connection.commit();

        execute(connection, "DELETE FROM account WHERE id = 1");
        assertThatForeignKeyViolation(connection::commit)
                .isParentStillReferenced().hasConstraint("draft_account_id_fkey").hasReferencingTable("draft");
    }

    @Test
    void restrictRefusesAtOnceEvenWhenDeferred(TestDatabase db, Connection connection) throws SQLException {
        execute(connection, "INSERT INTO account VALUES (1, 'Ada')", "INSERT INTO audit_entry VALUES (60, 1)");

        assertThatParentDeleted(db, "audit_entry_account_id_fkey", 1).isRestricted();
        assertThatForeignKeyViolation(() -> execute(connection, "DELETE FROM account WHERE id = 1"))
                .isParentStillReferenced().hasConstraint("audit_entry_account_id_fkey");
    }
}
