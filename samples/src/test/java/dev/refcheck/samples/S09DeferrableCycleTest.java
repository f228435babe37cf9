package dev.refcheck.samples;

import static dev.refcheck.samples.Jdbc.column;
import static dev.refcheck.samples.Jdbc.execute;
import static dev.refcheck.samples.Jdbc.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.Isolation;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ServerErrorMessage;

/**
 * In production: a team needs a captain and a player needs a team, so neither row can be written first. With
 * both FKs DEFERRABLE INITIALLY DEFERRED the pair is written in one transaction and checked at COMMIT; a
 * violation then surfaces at commit(), far from the statement that caused it, and the whole transaction is
 * lost. These tests commit for real (isolation CLEAN; refcheck cleans the tables afterwards).
 */
@DisplayName("09. Deferrable constraints: a cycle, and a violation at commit")
@RefCheck(schema = "classpath:samples/deferrable-cycle.sql", isolation = Isolation.CLEAN)
class S09DeferrableCycleTest {

    @Test
    void aCycleLoadsInOneTransaction(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // refcheck: fixture loader replaces this (it loads a deferrable cycle in one transaction)
            execute(connection, "INSERT INTO team VALUES (1, 'Reds', 10)", "INSERT INTO player VALUES (10, 'Ada', 1)");
            connection.commit();
        }
        try (Connection other = dataSource.getConnection()) {
            assertThat(column(other,
                    "SELECT t.name || ' / ' || p.name FROM team t JOIN player p ON p.id = t.captain_id"))
                    .as("committed: another connection sees the pair").containsExactly("Reds / Ada");
        }
    }

    @Test
    void aViolationIsReportedByCommitAndLosesTheTransaction(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            execute(connection, "INSERT INTO team VALUES (1, 'Blues', 99)"); // accepted: checked only at commit

            ServerErrorMessage error = refusal(connection::commit);

            // refcheck: AssertJ FK-violation assertions replace this
            assertThat(error.getSQLState()).isEqualTo("23503");
            assertThat(error.getConstraint()).isEqualTo("team_captain_fk");
            assertThat(error.getDetail()).isEqualTo("Key (captain_id)=(99) is not present in table \"player\".");
            assertThat(column(connection, "SELECT count(*) FROM team")).containsExactly("0");
        }
    }

    @Test
    void withAutoCommitEachStatementIsItsOwnTransaction(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            ServerErrorMessage error = refusal(() -> execute(connection, "INSERT INTO team VALUES (1, 'Greens', 10)"));

            assertThat(error.getConstraint()).isEqualTo("team_captain_fk");
        }
    }
}
