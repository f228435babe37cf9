package dev.refcheck.postgres;

import static dev.refcheck.Queries.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refcheck.orphans.AuditPolicy;
import dev.refcheck.schema.SchemaSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * FRESH tests take a clone made in the background while the previous one ran, so no CREATE DATABASE is on their
 * path; every spare is dropped when the cluster closes. On a plain server reached as an external one, so that
 * refcheck must drop what it made (on its own servers it throws the whole server away).
 */
class SpareCloneTest {

    private static EmbeddedPostgres server;
    private static final SchemaSource SHOP = SchemaSource.of(List.of("classpath:db/shop.sql"), List.of(),
            SpareCloneTest.class.getClassLoader());

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Cluster cluster() {
        return Cluster.start(new ServerSpec(Provider.EXTERNAL, null,
                "jdbc:postgresql://localhost:" + server.getPort() + "/postgres", "postgres", null, false));
    }

    @Test
    void aFreshTestGetsTheSpareMadeWhileThePreviousOneRanAndTheRunLeavesNothingBehind() throws Exception {
        Cluster cluster = cluster();
        Template template = cluster.template(SHOP);
        Set<String> before = refcheckDatabases();

        Session first = Session.begin(cluster, template, Isolation.FRESH, null, "first");
        execute(first.connection(), "INSERT INTO customer (name, country) VALUES ('Ada', 'FR')");
        Set<String> spares = awaitSpares(before, first.name());
        first.finish();

        Session second = Session.begin(cluster, template, Isolation.FRESH, null, "second");
        assertThat(spares).as("the spares, made before the test began").contains(second.name());
        assertThat(rows(second.connection(), "SELECT count(*) FROM customer")).isEqualTo("0");
        Set<String> next = awaitSpares(before, second.name(), first.name());
        assertThat(next).as("the next spares").hasSize(Clones.SPARES_PER_TEMPLATE).doesNotContain(second.name());
        second.finish();

        cluster.close();
        assertThat(refcheckDatabases()).isEmpty();
        assertThat(count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'refcheck'")).isZero();
    }

    @Test
    void testsStartedAtOnceGetDatabasesOfTheirOwn() throws Exception {
        Cluster cluster = cluster();
        Template template = cluster.template(SHOP);
        Session warmUp = Session.begin(cluster, template, Isolation.FRESH, null, "warm-up");
        warmUp.finish();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Session> sessions = new ArrayList<>();
        try {
            List<Callable<Session>> begins = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String label = "parallel " + i;
                begins.add(() -> Session.begin(cluster, template, Isolation.FRESH, null, label));
            }
            for (Future<Session> session : threads.invokeAll(begins)) {
                sessions.add(session.get());
            }
        } finally {
            threads.shutdown();
        }

        Set<String> names = new HashSet<>();
        for (Session session : sessions) {
            names.add(session.name());
            execute(session.connection(), "INSERT INTO customer (name, country) VALUES ('own', 'DE')");
        }
        assertThat(names).hasSize(8);
        for (Session session : sessions) {
            assertThat(rows(session.connection(), "SELECT count(*) FROM customer")).isEqualTo("1");
            session.finish();
        }
        cluster.close();
        assertThat(refcheckDatabases()).isEmpty();
    }

    @Test
    void theOrphanAuditUsesOneConnectionFromBeforeTheTestToAfterItAndClosesIt() throws Exception {
        Cluster cluster = cluster();
        Template template = cluster.template(SHOP);
        Session session = Session.begin(cluster, template, Isolation.FRESH, null, "audited");
        session.auditOrphans(AuditPolicy.DEFAULT);
        String database = session.name();

        assertThat(count("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database + "'"))
                .as("the snapshot's connection, kept for the audit").isEqualTo(1);
        execute(session.connection(), "INSERT INTO customer (name, country) VALUES ('Ada', 'FR')");
        execute(session.connection(), "SET session_replication_role = replica;"
                + " INSERT INTO customer (name, country) VALUES ('orphan', 'XX')");

        assertThatThrownBy(session::finish).hasMessageContaining("customer").hasMessageContaining("country");
        assertThat(count("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database + "'")).isZero();
        cluster.close();
    }

    @Test
    void closingWhileASpareIsBeingMadeWaitsForItAndDropsIt() throws Exception {
        Cluster cluster = cluster();
        Template template = cluster.template(SHOP);
        Session only = Session.begin(cluster, template, Isolation.FRESH, null, "only");
        only.finish();

        cluster.close(); // the spare started by the test's begin is most likely still being made

        assertThat(refcheckDatabases()).isEmpty();
    }

    /** Waits for the spares: the refcheck databases that are neither in {@code before} nor {@code inUse}. */
    private static Set<String> awaitSpares(Set<String> before, String... inUse) throws Exception {
        for (int i = 0; i < 500; i++) {
            Set<String> now = refcheckDatabases();
            now.removeAll(before);
            now.removeAll(List.of(inUse));
            assertThat(now).as("spares per template").hasSizeLessThanOrEqualTo(Clones.SPARES_PER_TEMPLATE);
            if (now.size() == Clones.SPARES_PER_TEMPLATE) {
                return now;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the spare clones did not appear within 5 s");
    }

    private static Set<String> refcheckDatabases() throws SQLException {
        try (Connection admin = server.getPostgresDatabase().getConnection()) {
            String names = rows(admin, "SELECT datname FROM pg_database WHERE datname LIKE 'refcheck%' ORDER BY 1");
            return names.isEmpty() ? new HashSet<>() : new HashSet<>(List.of(names.split(",")));
        }
    }

    /** The count once it stops falling (a backend ends a moment after its client closed), at most 2 s. */
    private static long count(String sql) throws Exception {
        try (Connection admin = server.getPostgresDatabase().getConnection()) {
            long count = Long.parseLong(rows(admin, sql));
            for (int i = 0; i < 100 && count > 0; i++) {
                Thread.sleep(20);
                long now = Long.parseLong(rows(admin, sql));
                if (now == count && i >= 5) {
                    return count;
                }
                count = now;
            }
            return count;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
