package dev.refcheck.postgres;

import static dev.refcheck.Queries.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.schema.SchemaSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clones kept in the cached data directory for the next run, so its first test does not wait for a CREATE
 * DATABASE. Each "run" is a cluster on an embedded server started on the same cache, one after another, as
 * successive JVMs would.
 */
class KeptCloneTest {

    private static final ClassLoader LOADER = KeptCloneTest.class.getClassLoader();
    private static final SchemaSource SHOP = SchemaSource.of(List.of("classpath:db/shop.sql"), List.of(), LOADER);
    private static final String NEW_CUSTOMER = "INSERT INTO customer (name, country) VALUES ('Ada', 'FR') RETURNING id";

    @TempDir
    Path root;

    private Cluster run() throws Exception {
        return Cluster.on(EmbeddedServer.start(Optional.of(DataDirectoryCache.at(root))), ServerSpec.embedded());
    }

    @Test
    void theNextRunsFirstTestGetsACloneTheLastRunKeptWithItsSequencesSetBack() throws Exception {
        Cluster first = run();
        Template template = first.template(SHOP);
        Session rolledBack = Session.begin(first, template, Isolation.TRANSACTION, null, "first run");
        String firstId = rows(rolledBack.connection(), NEW_CUSTOMER); // moves the sequence, which no rollback undoes
        rolledBack.finish();
        first.close();

        Cluster second = run();
        assertThat(keptClones(second, template)).as("the pooled clone").hasSize(1);
        Template found = second.template(SHOP);
        assertThat(found.name()).isEqualTo(template.name());
        assertThat(keptClones(second, template)).as("taken over under this run's names").isEmpty();
        List<String> existing = databases(second);

        Session firstTest = Session.begin(second, found, Isolation.TRANSACTION, null, "second run");

        assertThat(existing).as("no CREATE DATABASE on the first test's path").contains(firstTest.name());
        assertThat(rows(firstTest.connection(), NEW_CUSTOMER)).isEqualTo(firstId);
        firstTest.finish();
        second.close();
    }

    @Test
    void aCloneATestChangedIsNeverKept() throws Exception {
        Cluster first = run();
        Template template = first.template(SHOP);
        Session.begin(first, template, Isolation.FRESH, null, "first run").finish(); // leaves a spare
        first.close();

        Cluster second = run();
        Template found = second.template(SHOP);
        List<String> existing = databases(second);
        // takes the clone the first run kept, and is still running when the run ends (as if it could not end)
        Session fresh = Session.begin(second, found, Isolation.FRESH, null, "second run");
        assertThat(existing).as("the first run's spare").contains(fresh.name());
        execute(fresh.connection(), "INSERT INTO customer (name, country) VALUES ('kept?', 'DE')");
        String changed = fresh.name();
        Session committedBySql = Session.begin(second, found, Isolation.TRANSACTION, null, "commits as SQL");
        execute(committedBySql.connection(), "INSERT INTO customer (name, country) VALUES ('kept?', 'DE'); COMMIT");
        committedBySql.finish(); // dropped, not pooled: what it committed stays in it
        second.close();

        Cluster third = run();
        List<String> kept = keptClones(third, template);
        assertThat(kept).isNotEmpty();
        for (String clone : kept) {
            try (Connection connection = third.server().connect(clone)) {
                assertThat(rows(connection, "SELECT count(*) FROM customer")).as(clone).isEqualTo("0");
            }
        }
        assertThat(databases(third)).doesNotContain(changed);
        third.close();
    }

    @Test
    void atMostTheCapIsKeptAndEveryOtherCloneOfTheRunIsDropped() throws Exception {
        Cluster first = run();
        Template template = first.template(SHOP);
        Session.begin(first, template, Isolation.TRANSACTION, null, "pooled").finish();
        Session.begin(first, template, Isolation.CLEAN, null, "pooled too").finish();
        Session.begin(first, template, Isolation.FRESH, null, "leaves a spare").finish();
        first.close();

        Cluster second = run();

        assertThat(keptClones(second, template)).hasSize(Clones.KEPT_PER_TEMPLATE);
        assertThat(databases(second)).filteredOn(name -> name.startsWith("refcheck_"))
                .as("the template and what is kept, nothing under a run's own name")
                .allMatch(name -> name.equals(template.name()) || name.startsWith(template.name() + "_k"));
        second.close();
    }

    @Test
    void aRunThatDidNotEndCleanlyLeavesNothingToTrust() throws Exception {
        Cluster first = run();
        Template template = first.template(SHOP);
        Session.begin(first, template, Isolation.FRESH, null, "first run").finish();
        first.close();
        // what a JVM that took the cache and died leaves: the data directory without its ready mark
        Files.delete(root.resolve("data").resolve("refcheck-cache-ready"));

        Cluster second = run();

        assertThat(second.description()).doesNotContain("warm start");
        assertThat(databases(second)).noneMatch(name -> name.startsWith("refcheck_t"));
        second.close();
    }

    @Test
    void aChangedSchemaDoesNotTakeTheClonesOfTheOldOne() throws Exception {
        Cluster first = run();
        Template template = first.template(SHOP);
        Session.begin(first, template, Isolation.FRESH, null, "first run").finish();
        first.close();

        Cluster second = run();
        Template other = second.template(SchemaSource.of(List.of("classpath:db/shop.sql", "classpath:db/actions.sql"),
                List.of(), LOADER));
        List<String> existing = databases(second);
        Session session = Session.begin(second, other, Isolation.TRANSACTION, null, "new schema");

        assertThat(other.name()).isNotEqualTo(template.name());
        assertThat(existing).doesNotContain(session.name());
        assertThat(keptClones(second, template)).as("left for a run on the old schema")
                .hasSize(Math.min(Clones.SPARES_PER_TEMPLATE, Clones.KEPT_PER_TEMPLATE));
        session.finish();
        second.close();
    }

    private static List<String> keptClones(Cluster cluster, Template template) throws SQLException {
        List<String> kept = new ArrayList<>();
        for (String name : databases(cluster)) {
            if (name.startsWith(template.name() + "_k")) {
                kept.add(name);
            }
        }
        return kept;
    }

    private static List<String> databases(Cluster cluster) throws SQLException {
        try (Connection connection = cluster.server().connect("postgres")) {
            return List.of(rows(connection, "SELECT datname FROM pg_database ORDER BY 1").split(","));
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
