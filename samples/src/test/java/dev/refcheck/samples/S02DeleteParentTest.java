package dev.refcheck.samples;

import static dev.refcheck.samples.Jdbc.column;
import static dev.refcheck.samples.Jdbc.execute;
import static dev.refcheck.samples.Jdbc.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.jupiter.RefCheck;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ServerErrorMessage;

/**
 * In production: someone deletes an account that invoices still point at, and the delete fails; or it
 * succeeds and silently takes logins with it, or blanks ticket assignees. Which one happens is decided by the
 * FK's ON DELETE action, not by the application. Each test here deletes one account on a real PostgreSQL and
 * shows what that action did; the last two show the one difference between RESTRICT and NO ACTION: only
 * NO ACTION can wait for the commit.
 */
@DisplayName("02. Delete a referenced parent")
@RefCheck(schema = "classpath:samples/delete-parent.sql")
class S02DeleteParentTest {

    @Test
    void noActionRefusesTheDeleteAndNamesTheChildTable(Connection connection) throws SQLException {
        execute(connection, "INSERT INTO account VALUES (1, 'Ada')", "INSERT INTO invoice VALUES (10, 1)");

        ServerErrorMessage error = refusal(() -> execute(connection, "DELETE FROM account WHERE id = 1"));

        // refcheck: AssertJ FK-violation assertions replace this
        assertThat(error.getSQLState()).isEqualTo("23503");
        assertThat(error.getMessage()).isEqualTo("update or delete on table \"account\" violates foreign key"
                + " constraint \"invoice_account_id_fkey\" on table \"invoice\"");
        assertThat(error.getTable()).as("the table reported is the child").isEqualTo("invoice");
        assertThat(error.getDetail()).isEqualTo("Key (id)=(1) is still referenced from table \"invoice\".");
    }

    @Test
    void truncateRefusesAReferencedTableWhateverItsRows(Connection connection) {
        ServerErrorMessage error = refusal(() -> execute(connection, "TRUNCATE account"));

        assertThat(error.getSQLState()).isEqualTo("0A000");
        assertThat(error.getMessage()).isEqualTo("cannot truncate a table referenced in a foreign key constraint");
        assertThat(error.getDetail()).startsWith("Table \"").endsWith("\" references \"account\".");
        assertThat(error.getHint()).contains("or use TRUNCATE ... CASCADE");
    }

    @Test
    void cascadeSetNullAndSetDefaultChangeTheChildren(Connection connection) throws SQLException {
        execute(connection, "INSERT INTO account VALUES (1, 'Ada')", "INSERT INTO login VALUES (20, 1)",
                "INSERT INTO ticket VALUES (30, 1)", "INSERT INTO post VALUES (40, 1)");

        execute(connection, "DELETE FROM account WHERE id = 1");

        // refcheck: AssertJ referential-action assertions replace this
        assertThat(column(connection, "SELECT count(*) FROM login")).as("CASCADE").containsExactly("0");
        assertThat(column(connection, "SELECT assignee_id FROM ticket")).as("SET NULL")
                .containsExactly((String) null);
        assertThat(column(connection, "SELECT author_id FROM post")).as("SET DEFAULT").containsExactly("0");
    }

    @Test
    void setDefaultNeedsItsDefaultParent(Connection connection) throws SQLException {
        execute(connection, "INSERT INTO account VALUES (1, 'Ada')", "INSERT INTO post VALUES (40, 1)",
                "DELETE FROM account WHERE id = 0");

        ServerErrorMessage error = refusal(() -> execute(connection, "DELETE FROM account WHERE id = 1"));

        assertThat(error.getMessage()).as("a DELETE on account, reported as a write to post").isEqualTo(
                "insert or update on table \"post\" violates foreign key constraint \"post_author_id_fkey\"");
        assertThat(error.getDetail()).isEqualTo("Key (author_id)=(0) is not present in table \"account\".");
    }

    /** refcheck's default isolation keeps the test in one transaction: commit() there checks deferred FKs. */
    @Test
    void deferredNoActionAllowsTheParentBackBeforeCommit(Connection connection) throws SQLException {
        execute(connection, "INSERT INTO account VALUES (1, 'Ada')", "INSERT INTO draft VALUES (50, 1)");
        connection.commit();

        execute(connection, "DELETE FROM account WHERE id = 1", "INSERT INTO account VALUES (1, 'Ada again')");
        connection.commit();

        execute(connection, "DELETE FROM account WHERE id = 1");
        assertThat(refusal(connection::commit).getMessage()).isEqualTo("update or delete on table \"account\""
                + " violates foreign key constraint \"draft_account_id_fkey\" on table \"draft\"");
    }

    @Test
    void restrictRefusesAtOnceEvenWhenDeferred(Connection connection) throws SQLException {
        execute(connection, "INSERT INTO account VALUES (1, 'Ada')", "INSERT INTO audit_entry VALUES (60, 1)");

        ServerErrorMessage error = refusal(() -> execute(connection, "DELETE FROM account WHERE id = 1"));

        assertThat(error.getConstraint()).isEqualTo("audit_entry_account_id_fkey");
    }
}
