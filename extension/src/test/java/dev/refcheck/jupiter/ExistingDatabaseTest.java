package dev.refcheck.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.refcheck.postgres.Isolation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * An external server's own database, used in place: refcheck never deletes in it unless told to, and then
 * puts back exactly what was there. The server is a real PostgreSQL that refcheck did not start.
 */
class ExistingDatabaseTest {

    static EmbeddedPostgres server;

    @BeforeAll
    static void startTheUsersServer() throws Exception {
        server = EmbeddedPostgres.builder().start();
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE app LOGIN PASSWORD 's3cret-app' CREATEDB");
            statement.execute("CREATE DATABASE app OWNER app");
        }
    }

    @AfterAll
    static void stopIt() throws Exception {
        server.close();
    }

    @BeforeEach
    void theUsersData() throws SQLException {
        try (Connection connection = connectToApp(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS book, author");
            statement.execute("CREATE TABLE author (id int PRIMARY KEY, name text)");
            statement.execute("CREATE TABLE book (id int PRIMARY KEY, author_id int REFERENCES author)");
            statement.execute("INSERT INTO author VALUES (1, 'Le Guin')");
            statement.execute("INSERT INTO book VALUES (10, 1)");
        }
    }

    /** Writes a row and checks the user's rows are visible. */
    @RefCheck
    static class WritesInPlaceTestCase {
        @Test
        void write(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO author VALUES (2, 'Banks')");
                statement.execute("INSERT INTO book VALUES (20, 2)");
                assertThat(count(statement, "SELECT count(*) FROM book")).isEqualTo(2);
            }
        }
    }

    @Test
    void transactionIsolationLeavesTheUsersRowsExactlyAsTheyWere() throws SQLException {
        run(Isolation.TRANSACTION, Map.of()).testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));

        assertThat(appRows()).isEqualTo("authors=1 books=1 refcheck schemas=0");
    }

    @Test
    void cleanIsRefusedWithoutTheOptIn() {
        run(Isolation.CLEAN, Map.of()).allEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message("[refcheck.isolation] clean deletes the rows each test touched, in a database refcheck did"
                        + " not create. Set refcheck.external.allow-cleanup=true to allow that, or use transaction"
                        + " isolation.")));
    }

    @Test
    void cleanWithTheOptInRestoresTheUsersRowsAndRemovesItsCopies() throws SQLException {
        run(Isolation.CLEAN, Map.of("refcheck.external.allow-cleanup", "true")).testEvents()
                .assertStatistics(stats -> stats.succeeded(1).failed(0));

        assertThat(appRows()).isEqualTo("authors=1 books=1 refcheck schemas=0");
    }

    @Test
    void aSchemaIsNotAppliedToADatabaseRefcheckDidNotCreate() {
        run(Isolation.TRANSACTION, Map.of("refcheck.schema", "classpath:db/shop.sql")).allEvents()
                .assertThatEvents()
                .haveExactly(1, finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.startsWith("[refcheck.schema] must be empty when refcheck.external.use-database"
                                + " is true"))));
    }

    private static EngineExecutionResults run(Isolation isolation, Map<String, String> extra) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("refcheck.provider", "external")
                .configurationParameter("refcheck.external.url",
                        "jdbc:postgresql://localhost:" + server.getPort() + "/app")
                .configurationParameter("refcheck.external.user", "app")
                .configurationParameter("refcheck.external.password", "s3cret-app")
                .configurationParameter("refcheck.external.use-database", "true")
                .configurationParameter("refcheck.isolation", isolation.name())
                .configurationParameters(extra)
                .selectors(selectClass(WritesInPlaceTestCase.class))
                .execute();
    }

    private static String appRows() throws SQLException {
        try (Connection connection = connectToApp(); Statement statement = connection.createStatement()) {
            return "authors=" + count(statement, "SELECT count(*) FROM author")
                    + " books=" + count(statement, "SELECT count(*) FROM book")
                    + " refcheck schemas=" + count(statement,
                    "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'refcheck%'");
        }
    }

    private static Connection connectToApp() throws SQLException {
        return server.getDatabase("app", "app").getConnection();
    }

    static int count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
