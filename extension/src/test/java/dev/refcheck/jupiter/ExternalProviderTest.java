package dev.refcheck.jupiter;

import static dev.refcheck.Queries.rows;
import static dev.refcheck.jupiter.EngineRuns.failures;
import static dev.refcheck.jupiter.EngineRuns.onlyFailure;
import static dev.refcheck.jupiter.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.ServerStartException;
import dev.refcheck.postgres.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The external provider against a server that is not refcheck's: the user's own PostgreSQL, with a role that
 * has a password and CREATEDB, and a database of theirs with rows refcheck must never touch.
 */
class ExternalProviderTest {

    private static final String PASSWORD = "Zx9-secret-pw-81723";
    private static final String WRONG_PASSWORD = "Qw7-wrong-pw-55411";

    private static EmbeddedPostgres usersServer;
    private static String url;

    @BeforeAll
    static void startTheUsersServer() throws Exception {
        usersServer = EmbeddedPostgres.builder().start();
        try (Connection admin = usersServer.getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE app LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE DATABASE userdb OWNER app");
            // the superuser stays trusted for this test's checks; everyone else must give a password
            String hba = rows(statement, "SHOW hba_file");
            Files.writeString(Paths.get(hba), """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
            statement.execute("SELECT pg_reload_conf()");
        }
        try (Connection owner = usersServer.getDatabase("postgres", "userdb").getConnection();
             Statement statement = owner.createStatement()) {
            statement.execute("CREATE TABLE precious (id int PRIMARY KEY, note text)");
            statement.execute("INSERT INTO precious VALUES (1, 'keep'), (2, 'me')");
            statement.execute("ALTER TABLE precious OWNER TO app");
        }
        url = "jdbc:postgresql://localhost:" + usersServer.getPort() + "/userdb";
        awaitPasswordsRequired();
    }

    private static void awaitPasswordsRequired() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Connection ignored = DriverManager.getConnection(url, "app", WRONG_PASSWORD)) {
                Thread.sleep(50); // the reload has not reached the postmaster yet
            } catch (SQLException expected) {
                return;
            }
        }
        throw new IllegalStateException("the server never started asking for passwords");
    }

    @AfterAll
    static void stop() throws Exception {
        usersServer.close();
    }

    private static String asSuperuser(String database, String sql) throws SQLException {
        try (Connection connection = usersServer.getDatabase("postgres", database).getConnection()) {
            return rows(connection, sql);
        }
    }

    private static Map<String, String> external(String password) {
        return Map.of("refcheck.provider", "external", "refcheck.external.url", url,
                "refcheck.external.user", "app", "refcheck.external.password", password);
    }

    @RefCheck(schema = "classpath:db/shop.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class TransactionTestCase {
        @Test
        @Order(1)
        void writes(Connection connection) throws SQLException {
            IsolationTest.writeEverything(connection);
        }

        @Test
        @Order(2)
        void seesNothingOfIt(Connection connection, TestDatabase database) throws SQLException {
            IsolationTest.assertPristine(connection);
            assertThat(database.user()).isEqualTo("app");
            assertThat(database.jdbcUrl()).doesNotContain(PASSWORD);
        }
    }

    @RefCheck(schema = "classpath:db/shop.sql", isolation = Isolation.CLEAN)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class CleanTestCase {
        @Test
        @Order(1)
        void commits(Connection connection) throws SQLException {
            connection.setAutoCommit(true);
            IsolationTest.writeEverything(connection);
        }

        @Test
        @Order(2)
        void seesNothingOfIt(Connection connection) throws SQLException {
            IsolationTest.assertPristine(connection);
        }
    }

    @RefCheck(schema = "classpath:db/shop.sql", isolation = Isolation.FRESH)
    static class FreshTestCase {
        @Test
        void writes(Connection connection) throws SQLException {
            IsolationTest.writeEverything(connection);
            assertThat(rows(connection, "SELECT current_user")).isEqualTo("app");
        }
    }

    @Test
    void testsPassAndOnlyRefchecksOwnDatabasesComeAndGo() throws Exception {
        var run = CapturedOutput.capture(() -> run(external(PASSWORD), TransactionTestCase.class,
                CleanTestCase.class, FreshTestCase.class));
        EngineExecutionResults results = run.value();

        assertThat(failures(results)).isEmpty();
        results.testEvents().assertStatistics(s -> s.succeeded(5).failed(0));
        assertThat(run.output()).contains("refcheck: using external server " + url)
                .doesNotContain(PASSWORD);
        assertThat(asSuperuser("postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE 'refcheck%'"))
                .isEqualTo("0");
        assertThat(asSuperuser("postgres", "SELECT string_agg(datname, ',' ORDER BY datname) FROM pg_database"))
                .isEqualTo("postgres,template0,template1,userdb");
        assertThat(asSuperuser("userdb", "SELECT string_agg(id || ':' || note, ',' ORDER BY id) FROM precious"))
                .isEqualTo("1:keep,2:me");
        assertThat(asSuperuser("userdb", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                .isEqualTo("1");
        assertThat(awaitNoConnectionsOf("app")).isEqualTo("0");
    }

    private static String awaitNoConnectionsOf(String user) throws Exception {
        String count = "";
        for (int i = 0; i < 40; i++) {
            count = asSuperuser("postgres", "SELECT count(*) FROM pg_stat_activity WHERE usename = '" + user + "'");
            if (count.equals("0")) {
                break;
            }
            Thread.sleep(50);
        }
        return count;
    }

    @RefCheck(schema = "classpath:db/shop.sql")
    static class OwnConnectionTestCase {
        @Test
        void connectsByItself(TestDatabase database) throws SQLException {
            RefCheckExtensionTest.see("url", database.jdbcUrl());
            try (Connection own = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                    database.password())) {
                RefCheckExtensionTest.see("user", rows(own, "SELECT current_user"));
            }
        }
    }

    @Test
    void aPasswordInTheUrlIsNeverPrintedNorHandedOutInTheUrl() {
        RefCheckExtensionTest.SEEN.clear();
        String withPassword = url + "?password=" + PASSWORD + "&user=app&connectTimeout=10";
        var run = CapturedOutput.capture(() -> run(Map.of("refcheck.provider", "external",
                "refcheck.external.url", withPassword), FreshTestCase.class, OwnConnectionTestCase.class));

        assertThat(failures(run.value())).isEmpty();
        assertThat(run.output()).contains("refcheck: using external server " + url + "?user=app&connectTimeout=10 ")
                .doesNotContain(PASSWORD);
        assertThat((String) RefCheckExtensionTest.SEEN.get("url")).endsWith("?user=app&connectTimeout=10")
                .doesNotContain(PASSWORD);
        assertThat(RefCheckExtensionTest.SEEN).containsEntry("user", "app");
    }

    @Test
    void aWrongPasswordFailsWithTheServersReasonAndWithoutThePassword() {
        var run = CapturedOutput.capture(() -> onlyFailure(run(external(WRONG_PASSWORD), FreshTestCase.class)));

        assertThat(run.value()).isInstanceOf(ServerStartException.class)
                .hasMessageStartingWith("refcheck could not start PostgreSQL (provider external). Tried:\n"
                        + "  - external (" + url + "): FATAL: password authentication failed for user \"app\"")
                .hasMessageNotContaining(WRONG_PASSWORD);
        assertThat(stackTraceOf(run.value())).doesNotContain(WRONG_PASSWORD);
        assertThat(run.output()).doesNotContain(WRONG_PASSWORD);
    }

    @Test
    void aClosedPortIsReportedAsTheProviderThatCouldNotStart() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String closed = "jdbc:postgresql://localhost:" + closedPort + "/postgres?connectTimeout=5";

        var results = run(Map.of("refcheck.provider", "external", "refcheck.external.url", closed),
                FreshTestCase.class, TransactionTestCase.class);

        // the second class gets the first one's failure: one attempt per run, not one per class
        assertThat(failures(results)).hasSize(2);
        assertThat(failures(results).get(1)).isSameAs(failures(results).get(0));
        Throwable failure = failures(results).get(0);

        assertThat(failure).isInstanceOf(ServerStartException.class)
                .hasMessageStartingWith("refcheck could not start PostgreSQL (provider external). Tried:\n"
                        + "  - external (" + closed + "): Connection to localhost:" + closedPort + " refused.")
                .hasMessageEndingWith("Start Docker, let embedded PostgreSQL run (it needs a Linux, macOS or Windows"
                        + " x86_64/arm64 binaries jar on the classpath), or name a server you run with"
                        + " refcheck.provider=external and refcheck.external.url / .user / .password.");
    }

    private static String stackTraceOf(Throwable failure) {
        var writer = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(writer));
        return writer.toString();
    }
}
