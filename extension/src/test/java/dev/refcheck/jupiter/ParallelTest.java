package dev.refcheck.jupiter;

import static dev.refcheck.Queries.rows;
import static dev.refcheck.jupiter.EngineRuns.failures;
import static dev.refcheck.jupiter.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * JUnit parallel execution, 4 threads, 220 tests writing their own rows in TRANSACTION, CLEAN and FRESH mode: no test
 * sees another's rows, and nothing is left behind. The server is a plain one started here, reached through the
 * external provider, so that what refcheck leaves on it can be counted after the test plan has ended.
 */
class ParallelTest {

    private static final int TESTS_PER_CLASS = 100;
    /** FRESH clones a database per test (tens of ms each), so fewer of them. */
    private static final int FRESH_TESTS = 20;
    private static final Map<String, Set<String>> DATABASES = new ConcurrentHashMap<>();
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicInteger MOST_RUNNING = new AtomicInteger();
    private static final Set<String> THREADS = ConcurrentHashMap.newKeySet();

    private static EmbeddedPostgres server;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** Writes rows tagged with the test's own name through two connections, then reads them back. */
    static void writeAndReadOwnRows(String tag, TestDatabase database) throws Exception {
        int running = RUNNING.incrementAndGet();
        MOST_RUNNING.accumulateAndGet(running, Math::max);
        THREADS.add(Thread.currentThread().getName());
        try {
            DATABASES.computeIfAbsent(database.isolation().name(), k -> ConcurrentHashMap.newKeySet())
                    .add(database.name());
            DataSource dataSource = database.dataSource();
            try (Connection writer = dataSource.getConnection();
                 PreparedStatement insert = writer.prepareStatement(
                         "INSERT INTO customer (name, country) VALUES (?, 'FR')")) {
                for (int i = 1; i <= 3; i++) {
                    insert.setString(1, tag + "/" + i);
                    insert.executeUpdate();
                }
                writer.createStatement().execute("INSERT INTO \"order\" (customer_id) SELECT id FROM customer");
            }
            Thread.sleep(5); // let other tests write in between
            try (Connection reader = dataSource.getConnection()) {
                assertThat(rows(reader, "SELECT name FROM customer ORDER BY name"))
                        .isEqualTo(tag + "/1," + tag + "/2," + tag + "/3");
                assertThat(rows(reader, "SELECT count(*) FROM \"order\"")).isEqualTo("3");
                assertThat(rows(reader, "SELECT code FROM country ORDER BY code")).isEqualTo("DE,FR");
            }
        } finally {
            RUNNING.decrementAndGet();
        }
    }

    @RefCheck(schema = "classpath:db/shop.sql", isolation = Isolation.TRANSACTION)
    static class TransactionTestCase {
        @RepeatedTest(TESTS_PER_CLASS)
        void ownRowsOnly(RepetitionInfo repetition, TestDatabase database) throws Exception {
            writeAndReadOwnRows("tx" + repetition.getCurrentRepetition(), database);
        }
    }

    @RefCheck(schema = "classpath:db/shop.sql", isolation = Isolation.CLEAN)
    static class CleanTestCase {
        @RepeatedTest(TESTS_PER_CLASS)
        void ownRowsOnly(RepetitionInfo repetition, TestDatabase database) throws Exception {
            writeAndReadOwnRows("clean" + repetition.getCurrentRepetition(), database);
        }
    }

    @RefCheck(schema = "classpath:db/shop.sql", isolation = Isolation.FRESH)
    static class FreshTestCase {
        @RepeatedTest(FRESH_TESTS)
        void ownRowsOnly(RepetitionInfo repetition, TestDatabase database) throws Exception {
            writeAndReadOwnRows("fresh" + repetition.getCurrentRepetition(), database);
        }
    }

    @Test
    void concurrentTestsNeverSeeEachOthersRowsAndLeaveNothingBehind() throws SQLException {
        String url = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
        var results = run(Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4",
                "refcheck.provider", "external",
                "refcheck.external.url", url,
                "refcheck.external.user", "postgres"), TransactionTestCase.class, CleanTestCase.class,
                FreshTestCase.class);

        assertThat(failures(results)).isEmpty();
        results.testEvents().assertStatistics(s -> s.succeeded(2 * TESTS_PER_CLASS + FRESH_TESTS).failed(0));
        assertThat(MOST_RUNNING.get()).as("tests ran concurrently").isGreaterThan(1);
        // at most a pooled database per thread (a thread runs one test at a time), reused by the tests after it
        assertThat(DATABASES.get("TRANSACTION")).hasSizeBetween(1, THREADS.size());
        assertThat(DATABASES.get("CLEAN")).hasSizeBetween(1, THREADS.size());
        assertThat(DATABASES.get("FRESH")).hasSize(FRESH_TESTS);
        try (Connection admin = server.getPostgresDatabase().getConnection()) {
            assertThat(rows(admin, "SELECT count(*) FROM pg_database WHERE datname LIKE 'refcheck%'"))
                    .isEqualTo("0");
            assertThat(awaitZero(admin, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'refcheck'"
                    + " OR datname LIKE 'refcheck%'")).isEqualTo("0");
        }
    }

    /** A backend ends a moment after its client closed the connection. */
    static String awaitZero(Connection connection, String countQuery) throws SQLException {
        String count = rows(connection, countQuery);
        for (int i = 0; i < 40 && !count.equals("0"); i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            count = rows(connection, countQuery);
        }
        return count;
    }

    @RefCheck(schema = "classpath:db/shop.sql", isolation = Isolation.FRESH_PER_CLASS)
    static class SharedDatabaseTestCase {
        @Test
        void one() {
        }

        @Test
        void two() {
        }
    }

    @RefCheck(schema = "classpath:db/shop.sql", isolation = Isolation.FRESH_PER_CLASS)
    @org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.SAME_THREAD)
    static class SequentialSharedDatabaseTestCase {
        @Test
        void one(Connection connection) throws SQLException {
            connection.createStatement().execute("INSERT INTO country VALUES ('IT', 'Italy')");
        }

        @Test
        void two(Connection connection) throws SQLException {
            connection.createStatement().execute("INSERT INTO country VALUES ('ES', 'Spain')");
        }
    }

    @org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.SAME_THREAD)
    static class SequentialOuterTestCase {
        @org.junit.jupiter.api.Nested
        @RefCheck(schema = "classpath:db/shop.sql", isolation = Isolation.FRESH_PER_CLASS)
        class Inner {
            @Test
            void one() {
            }

            @Test
            void two() {
            }
        }
    }

    @Test
    void aClassWhoseTestsShareADatabaseMayNotRunThemConcurrently() {
        Map<String, String> concurrent = Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent");

        assertThat(EngineRuns.onlyFailure(run(concurrent, SharedDatabaseTestCase.class)))
                .isInstanceOf(org.junit.jupiter.api.extension.ExtensionConfigurationException.class)
                .hasMessage("[refcheck.isolation] must not be fresh_per_class for " + SharedDatabaseTestCase.class.getName()
                        + " while its tests run concurrently: they would share one database and see each other's rows."
                        + " Annotate the class @Execution(ExecutionMode.SAME_THREAD), or choose transaction, clean or"
                        + " fresh");
        assertThat(failures(run(concurrent, SequentialSharedDatabaseTestCase.class))).isEmpty();
        assertThat(failures(run(concurrent, SequentialOuterTestCase.class))).isEmpty();
    }

    @RefCheck(schema = "classpath:corpus/pagila/schema.sql")
    static class PagilaTestCase {
        @RepeatedTest(5)
        void pagila(Connection connection) throws SQLException {
            assertThat(rows(connection, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo("22");
        }
    }

    @RefCheck(schema = {"classpath:corpus/chinook/schema.sql", "classpath:corpus/chinook/data.sql"})
    static class ChinookTestCase {
        @RepeatedTest(5)
        void chinook(Connection connection) throws SQLException {
            assertThat(rows(connection, "SELECT count(*) FROM track")).isEqualTo("3503");
        }
    }

    @RefCheck(schema = "classpath:db/hostile.sql", isolation = Isolation.CLEAN)
    static class HostileTestCase {
        @RepeatedTest(5)
        void hostile(Connection connection) throws SQLException {
            assertThat(rows(connection, "SELECT count(*) FROM y")).isEqualTo("1");
            connection.createStatement().execute("INSERT INTO y VALUES (2)");
        }
    }

    @Test
    void templatesForDifferentSchemasAreBuiltConcurrently() {
        var results = run(Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4"),
                PagilaTestCase.class, ChinookTestCase.class, HostileTestCase.class, TransactionTestCase.class);

        assertThat(failures(results)).isEmpty();
        results.testEvents().assertStatistics(s -> s.succeeded(15 + TESTS_PER_CLASS));
    }
}
