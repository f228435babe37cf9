package dev.refcheck.orphans;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.postgres.Cluster;
import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.Provider;
import dev.refcheck.postgres.ServerSpec;
import dev.refcheck.postgres.Session;
import dev.refcheck.postgres.Template;
import dev.refcheck.schema.SchemaSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random rows inserted with RI triggers disabled (children) and random parents deleted behind their backs: the
 * audit finds exactly the orphans a row-by-row check in Java finds, MATCH SIMPLE, MATCH FULL and one column.
 * Uses refcheck without JUnit Jupiter: a cluster, a template and one TRANSACTION session per try.
 */
class OrphanDetectorProperties {

    record Key(Integer a, String b) {
        String text() {
            return "(" + (a == null ? "" : a) + "," + (b == null ? "" : b) + ")";
        }
    }

    private static Cluster cluster;
    private static Template template;

    @BeforeContainer
    static void start() {
        cluster = Cluster.start(ServerSpec.embedded());
        template = cluster.template(SchemaSource.of(List.of("classpath:db/orphans-property.sql"), List.of(),
                OrphanDetectorProperties.class.getClassLoader()));
    }

    @AfterContainer
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Provide
    Arbitrary<Key> keys() {
        return Combinators.combine(Arbitraries.of(1, 2, 3).injectNull(0.25), Arbitraries.of("x", "y").injectNull(0.25))
                .as(Key::new);
    }

    @Provide
    Arbitrary<Key> parentKeys() {
        return Combinators.combine(Arbitraries.of(1, 2, 3), Arbitraries.of("x", "y")).as(Key::new);
    }

    @Property
    void theAuditFindsWhatARowByRowCheckFinds(@ForAll Set<@From("parentKeys") Key> parents,
                                              @ForAll Set<@From("parentKeys") Key> deletedParents,
                                              @ForAll @Size(max = 30) List<@From("keys") Key> simpleRows,
                                              @ForAll @Size(max = 30) List<@From("keys") Key> fullRows,
                                              @ForAll @Size(max = 30) List<@From("keys") Key> singleRows)
            throws SQLException {
        Session session = Session.begin(cluster, template, Isolation.TRANSACTION, null, "property");
        try {
            Connection connection = session.connection();
            try (Statement statement = connection.createStatement()) {
                for (String table : List.of("p", "simple_child", "full_child", "single_parent", "single_child")) {
                    statement.execute("ALTER TABLE " + table + " DISABLE TRIGGER ALL");
                }
            }
            insert(connection, "INSERT INTO p VALUES (?, ?)", parents);
            insert(connection, "INSERT INTO single_parent SELECT ? WHERE ?::text IS NOT NULL ON CONFLICT DO NOTHING", parents);
            insert(connection, "INSERT INTO simple_child (a, b) VALUES (?, ?)", simpleRows);
            insert(connection, "INSERT INTO full_child (a, b) VALUES (?, ?)", fullRows);
            insert(connection, "INSERT INTO single_child (a) SELECT ? WHERE ?::text IS NULL OR true", singleRows);
            insert(connection, "DELETE FROM p WHERE a = ? AND b = ?", deletedParents);
            insert(connection, "DELETE FROM single_parent WHERE a = ? AND ?::text = 'x'", deletedParents);

            OrphanDetector detector = OrphanDetector.read(connection);
            OrphanReport report = detector.audit(connection);
            OrphanSnapshot snapshot = detector.snapshot(connection);
            Map<String, List<String>> expected = rowByRow(connection);

            assertFound(report, snapshot, "simple_fkey", expected.get("simple_fkey"));
            assertFound(report, snapshot, "full_fkey", expected.get("full_fkey"));
            assertFound(report, snapshot, "single_fkey", expected.get("single_fkey"));
        } finally {
            session.finish();
        }
    }

    @Property
    void theTestsOwnOrphansAreWhatIsNewComparedRowByRow(@ForAll Set<@From("parentKeys") Key> parents,
                                                        @ForAll @Size(max = 20) List<@From("keys") Key> rowsBefore,
                                                        @ForAll Set<@From("parentKeys") Key> deletedParents,
                                                        @ForAll @Size(max = 20) List<@From("keys") Key> rowsAfter)
            throws SQLException {
        Session session = Session.begin(cluster, template, Isolation.TRANSACTION, null, "property");
        try {
            Connection connection = session.connection();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET session_replication_role = replica");
            }
            insert(connection, "INSERT INTO p VALUES (?, ?)", parents);
            insert(connection, "INSERT INTO full_child (a, b) VALUES (?, ?)", rowsBefore);
            insert(connection, "INSERT INTO simple_child (a, b) VALUES (?, ?)", rowsBefore);
            OrphanDetector detector = OrphanDetector.read(connection);
            OrphanSnapshot before = detector.snapshot(connection);
            Map<String, List<String>> orphansBefore = rowByRow(connection);

            insert(connection, "DELETE FROM p WHERE a = ? AND b = ?", deletedParents);
            insert(connection, "INSERT INTO full_child (a, b) VALUES (?, ?)", rowsAfter);
            insert(connection, "INSERT INTO simple_child (a, b) VALUES (?, ?)", rowsAfter);
            OrphanReport report = detector.audit(connection, null, before);
            Map<String, List<String>> orphansAfter = rowByRow(connection);

            for (String name : List.of("simple_fkey", "full_fkey")) {
                List<String> fresh = new ArrayList<>(orphansAfter.get(name));
                orphansBefore.get(name).forEach(fresh::remove); // multiset difference
                long newOrphans = report.of(name).map(Orphans::newOrphans).orElse(0L);
                assertThat(newOrphans).as(name + " new orphans").isEqualTo(fresh.size());
                assertThat(report.of(name).map(Orphans::count).orElse(0L)).as(name + " count")
                        .isEqualTo(orphansAfter.get(name).size());
                report.of(name).ifPresent(o -> assertThat(o.keys().subList(0, Math.min(o.keys().size(), fresh.size())))
                        .as(name + " the test's own keys come first").allMatch(fresh::contains));
            }
        } finally {
            session.finish();
        }
    }

    /** Every FK's orphan keys, decided in Java one row at a time from the rows as they stand. */
    private static Map<String, List<String>> rowByRow(Connection connection) throws SQLException {
        Set<Key> composite = new HashSet<>(read(connection, "SELECT a, b FROM p"));
        Set<Integer> single = new HashSet<>();
        read(connection, "SELECT a, NULL FROM single_parent").forEach(k -> single.add(k.a()));
        List<String> simple = new ArrayList<>();
        List<String> full = new ArrayList<>();
        List<String> one = new ArrayList<>();
        for (Key row : read(connection, "SELECT a, b FROM simple_child")) {
            if (row.a() != null && row.b() != null && !composite.contains(row)) {
                simple.add(row.text());
            }
        }
        for (Key row : read(connection, "SELECT a, b FROM full_child")) {
            boolean allNull = row.a() == null && row.b() == null;
            boolean mixed = !allNull && (row.a() == null || row.b() == null);
            if (mixed || !allNull && !composite.contains(row)) {
                full.add(row.text());
            }
        }
        for (Key row : read(connection, "SELECT a, NULL FROM single_child")) {
            if (row.a() != null && !single.contains(row.a())) {
                one.add("(" + row.a() + ")");
            }
        }
        return Map.of("simple_fkey", simple, "full_fkey", full, "single_fkey", one);
    }

    private static void assertFound(OrphanReport report, OrphanSnapshot snapshot, String name, List<String> expected) {
        assertThat(report.of(name).map(Orphans::count).orElse(0L)).as(name + " count").isEqualTo(expected.size());
        assertThat(snapshot.keysOf(name)).as(name + " keys").containsExactlyInAnyOrderElementsOf(expected);
        report.of(name).ifPresent(o -> assertThat(expected).as(name + " first keys").containsAll(o.keys()));
        report.of(name).ifPresent(o -> assertThat(o.keys()).hasSize(Math.min(10, expected.size())));
    }

    private static void insert(Connection connection, String sql, Iterable<Key> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Key row : rows) {
                statement.setObject(1, row.a(), Types.INTEGER);
                statement.setObject(2, row.b(), Types.VARCHAR);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static List<Key> read(Connection connection, String sql) throws SQLException {
        List<Key> keys = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                keys.add(new Key((Integer) rows.getObject(1), rows.getString(2)));
            }
        }
        return keys;
    }
}
