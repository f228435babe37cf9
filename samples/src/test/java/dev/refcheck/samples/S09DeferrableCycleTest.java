package dev.refcheck.samples;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKey;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatSchema;
import static dev.refcheck.samples.Jdbc.column;
import static dev.refcheck.samples.Jdbc.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.fixtures.Fixture;
import dev.refcheck.fixtures.LoadResult;
import dev.refcheck.graph.CycleStrategy;
import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.TestDatabase;
import dev.refcheck.schema.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * In production: a team needs a captain and a player needs a team, so neither row can be written first. With
 * both FKs DEFERRABLE INITIALLY DEFERRED the pair is written in one transaction and checked at COMMIT; a
 * violation then surfaces at commit(), far from the statement that caused it, and the whole transaction is
 * lost. refcheck asserts that every cycle of the schema is broken by such a FK, loads the cycle's rows in one
 * transaction with its fixture loader, and names the FK that fired at commit. These tests commit for real
 * (isolation CLEAN; refcheck cleans the tables afterwards).
 */
@DisplayName("09. Deferrable constraints: a cycle, and a violation at commit")
@RefCheck(schema = "classpath:samples/deferrable-cycle.sql", isolation = Isolation.CLEAN)
class S09DeferrableCycleTest {

    @Test
    void theCycleIsBrokenByDeferredChecks(TestDatabase database) {
        assertThatSchema(database).hasOnlyBreakableCycles();
        assertThatForeignKey(database, "team_captain_fk").references("player").isInitiallyDeferred();
    }

    @Test
    void theFixtureLoaderLoadsTheCycleInOneTransaction(TestDatabase database, DataSource dataSource)
            throws SQLException {
        LoadResult loaded = database.load(Fixture.builder()
                .row("team", "id", 1, "name", "Reds", "captain_id", 10)
                .row("player", "id", 10, "name", "Ada", "team_id", 1)
                .build());

        assertThat(loaded.plan().cycleOf(TableRef.of("team")).orElseThrow().strategy())
                .isEqualTo(CycleStrategy.DEFER_CONSTRAINTS);
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

            assertThatForeignKeyViolation(connection::commit)
                    .isMissingParent().hasConstraint("team_captain_fk").hasReferencedTable("player")
                    .hasKeyColumns("captain_id").hasKeyValues(99);
            assertThat(column(connection, "SELECT count(*) FROM team")).as("the transaction is lost")
                    .containsExactly("0");
        }
    }

    @Test
    void withAutoCommitEachStatementIsItsOwnTransaction(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThatForeignKeyViolation(() -> execute(connection, "INSERT INTO team VALUES (1, 'Greens', 10)"))
                    .as("committed alone, the team has no captain yet").hasConstraint("team_captain_fk");
        }
    }
}
