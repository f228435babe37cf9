package dev.refcheck.bench.peers;

import dev.refcheck.bench.Stats;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * refcheck against the tools users would otherwise pick (issue 8), on chinook, side by side in one run: loading
 * the full data set into an empty schema, and putting it back after a test committed writes to 5 tables. Every
 * result is checked against the data set (per-table checksums) before its time counts. Last, Database Rider's
 * cleanBefore as a plain table owner (no superuser).
 *
 * <pre>java -cp benchmarks/target/refcheck-benchmarks.jar dev.refcheck.bench.peers.PeersBench [repetitions] [chinook dir]</pre>
 */
public final class PeersBench {

    private static final String SCHEMA_TEMPLATE = "chinook_schema";
    private static final String FULL_TEMPLATE = "chinook_full";
    private static final String PLAIN_ROLE = "refcheck_plain";
    private static final Map<String, String> FAST = Map.of("fsync", "off", "synchronous_commit", "off",
            "full_page_writes", "off", "max_connections", "300", "autovacuum", "off");

    /** What one test commits: rows into artist, album, track and playlist_track, an update of customer. */
    public static final String FIVE_TABLE_TEST = """
            INSERT INTO artist (artist_id, name) VALUES (100001, 'bench artist');
            INSERT INTO album (album_id, title, artist_id) VALUES (100001, 'bench album', 100001);
            INSERT INTO track (track_id, name, album_id, media_type_id, genre_id, milliseconds, unit_price)
                VALUES (100001, 'bench track', 100001, 1, 1, 1000, 0.99);
            INSERT INTO playlist_track (playlist_id, track_id) VALUES (1, 100001);
            UPDATE customer SET email = 'changed@example.com' WHERE customer_id = 1;
            """;

    private final EmbeddedPostgres postgres;
    private int counter;

    private PeersBench(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path chinookDir = Path.of(args.length > 1 ? args[1] : "extension/src/test/resources/corpus/chinook");
        Chinook chinook = new Chinook(chinookDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        FAST.forEach(builder::setServerConfig);
        try (EmbeddedPostgres postgres = builder.start()) {
            String serverUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            try (Connection admin = DriverManager.getConnection(serverUrl, "postgres", null)) {
                // CLEAN without superuser: RI-checked deletes, no session_replication_role
                execute(admin, "CREATE ROLE " + PLAIN_ROLE + " LOGIN NOSUPERUSER CREATEDB");
            }
            try (Refcheck refcheck = new Refcheck(serverUrl, chinookDir, "postgres");
                 Refcheck plain = new Refcheck(serverUrl, chinookDir, PLAIN_ROLE)) {
                List<PeerTool> tools = List.of(new RawCopy(), new DbSetupTool(), new RiderTool(false, true),
                        new RiderTool(true, true), new RiderTool(false, false), refcheck, plain);
                new PeersBench(postgres).run(chinook, tools, repetitions);
            }
        }
    }

    private void run(Chinook chinook, List<PeerTool> tools, int repetitions) throws Exception {
        Dataset data;
        Map<String, String> expected;
        try (Connection admin = connect("postgres")) {
            execute(admin, "CREATE DATABASE " + SCHEMA_TEMPLATE);
            try (Connection c = connect(SCHEMA_TEMPLATE)) {
                execute(c, chinook.schemaSql());
                // a plain role loads without session_replication_role: the row-by-row path
                execute(c, "GRANT ALL ON ALL TABLES IN SCHEMA public TO " + PLAIN_ROLE);
            }
            execute(admin, "CREATE DATABASE " + FULL_TEMPLATE + " TEMPLATE " + SCHEMA_TEMPLATE);
            try (Connection c = connect(FULL_TEMPLATE)) {
                execute(c, chinook.dataSql());
                data = Chinook.read(c);
                expected = checksums(c);
            }
        }
        System.out.printf("chinook: %d tables, %d rows%n", data.tables().size(), data.rowCount());
        Map<String, List<Double>> load = new LinkedHashMap<>();
        Map<String, List<Double>> restore = new LinkedHashMap<>();
        for (int rep = 1; rep <= repetitions; rep++) {
            for (PeerTool tool : tools) {
                if (tool.available() != null) {
                    continue;
                }
                load.computeIfAbsent(tool.name(), k -> new ArrayList<>()).add(timeLoad(tool, data, expected));
                restore.computeIfAbsent(tool.name(), k -> new ArrayList<>()).add(timeRestore(tool, data, expected));
                System.err.printf("rep %d %-48s load %s ms, restore %s ms%n", rep, tool.name(),
                        Stats.ms(last(load.get(tool.name()))), Stats.ms(last(restore.get(tool.name()))));
            }
        }
        double rawLoad = Stats.median(load.get("raw COPY"));
        double rawRestore = Stats.median(restore.get("raw COPY"));
        System.out.printf("%d repetitions, tools interleaved; medians in ms; x = time / raw COPY's%n", repetitions);
        System.out.println("| tool | load full data set | x | runs | restore after a 5-table test | x | runs |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (PeerTool tool : tools) {
            if (tool.available() != null) {
                System.out.printf("| %s | %s | | | %s | | |%n", tool.name(), tool.available(), "pending");
                continue;
            }
            List<Double> l = load.get(tool.name());
            List<Double> r = restore.get(tool.name());
            System.out.printf("| %s | %s | %.1fx | %s | %s | %.1fx | %s |%n", tool.name(), Stats.ms(Stats.median(l)),
                    Stats.median(l) / rawLoad, Stats.all(l), Stats.ms(Stats.median(r)), Stats.median(r) / rawRestore,
                    Stats.all(r));
        }
        riderAsTableOwner(chinook, data, expected);
    }

    /** An empty schema, the tool loads everything; the result must match the data set. */
    private double timeLoad(PeerTool tool, Dataset data, Map<String, String> expected) throws Exception {
        String database = clone(SCHEMA_TEMPLATE);
        try (Connection connection = DriverManager.getConnection(url(database), tool.user(), null)) {
            long start = System.nanoTime();
            tool.load(connection, data);
            double millis = (System.nanoTime() - start) / 1e6;
            verify(tool.name() + " load", connection, expected);
            return millis;
        } finally {
            drop(database);
        }
    }

    /** The data set in place, a test commits writes to 5 tables, the tool puts the data set back. */
    private double timeRestore(PeerTool tool, Dataset data, Map<String, String> expected) throws Exception {
        if (tool instanceof Refcheck refcheck) {
            return refcheck.timeRestore(FIVE_TABLE_TEST, c -> verify("refcheck restore", c, expected));
        }
        String database = clone(FULL_TEMPLATE);
        try (Connection connection = connect(database)) {
            execute(connection, FIVE_TABLE_TEST);
            long start = System.nanoTime();
            tool.restore(connection, data);
            double millis = (System.nanoTime() - start) / 1e6;
            verify(tool.name() + " restore", connection, expected);
            return millis;
        } finally {
            drop(database);
        }
    }

    /**
     * Database Rider's cleanBefore as the tables' owner without superuser: it sets session_replication_role,
     * which a plain role may not. Shows what it logs and what is left, with the whole data set and with a data
     * set naming only the tables a billing test needs (cleanBefore is what should empty the others), and the
     * same two as superuser for contrast.
     */
    private void riderAsTableOwner(Chinook chinook, Dataset data, Map<String, String> expected) throws Exception {
        Map<String, Dataset.Table> billing = new LinkedHashMap<>();
        for (String table : List.of("employee", "customer", "invoice", "invoice_line")) {
            billing.put(table, data.tables().get(table));
        }
        try (Connection admin = connect("postgres")) {
            execute(admin, "DROP ROLE IF EXISTS chinook_owner");
            execute(admin, "CREATE ROLE chinook_owner LOGIN NOSUPERUSER PASSWORD 'owner'");
        }
        System.out.println();
        System.out.println("Database Rider 1.44.0 defaults, YAML data set, cleanBefore=true + reload (CLEAN_INSERT),"
                + " after the 5-table test:");
        for (boolean owner : new boolean[] {true, false}) {
            riderCleanBefore(chinook, data, data, expected, owner, "whole data set (11 tables)");
            riderCleanBefore(chinook, data, new Dataset(billing), expected, owner,
                    "data set of 4 tables (employee, customer, invoice, invoice_line)");
        }
    }

    private void riderCleanBefore(Chinook chinook, Dataset all, Dataset riderData, Map<String, String> expected,
                                  boolean owner, String label) throws Exception {
        String database = "rider_" + (owner ? "owner_" : "superuser_") + (++counter);
        try (Connection admin = connect("postgres")) {
            execute(admin, "CREATE DATABASE " + database + (owner ? " OWNER chinook_owner" : ""));
        }
        try (Connection connection = owner ? DriverManager.getConnection(url(database), "chinook_owner", "owner")
                : connect(database)) {
            execute(connection, chinook.schemaSql());
            new RawCopy().load(connection, all);
            execute(connection, FIVE_TABLE_TEST);
            PrintStream err = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            String outcome;
            try (PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
                System.setErr(tee);
                try {
                    new RiderTool(false, true).restore(connection, riderData);
                    outcome = "returned normally";
                } catch (RuntimeException e) {
                    Throwable root = e;
                    while (root.getCause() != null) {
                        root = root.getCause();
                    }
                    outcome = "threw " + e.getClass().getSimpleName() + ", root cause: " + root.getMessage();
                } finally {
                    System.setErr(err);
                }
            }
            System.out.printf("- as %s, %s: %s%n", owner ? "the tables' owner (NOSUPERUSER)" : "superuser", label,
                    outcome.replace('\n', ' '));
            captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(" WARN ") || l.startsWith("Caused by"))
                    .filter(l -> l.contains("WARN") || l.contains("PSQLException")).limit(2)
                    .forEach(l -> System.out.println("  logged: " + l));
            Map<String, Long> counts = Chinook.counts(connection);
            Map<String, Long> outside = new LinkedHashMap<>();
            counts.forEach((table, n) -> {
                if (!riderData.tables().containsKey(table) && n > 0) {
                    outside.put(table, n);
                }
            });
            Map<String, String> actual = checksums(connection);
            List<String> differ = riderData.tables().keySet().stream()
                    .filter(t -> !actual.get(t).equals(expected.get(t))).toList();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT (SELECT count(*) FROM artist WHERE artist_id = 100001)"
                         + " + (SELECT count(*) FROM album WHERE album_id = 100001)"
                         + " + (SELECT count(*) FROM track WHERE track_id = 100001)"
                         + " + (SELECT count(*) FROM playlist_track WHERE track_id = 100001)")) {
                rows.next();
                System.out.printf("  afterwards: data-set tables differing from the data set: %s; rows left in tables"
                        + " outside the data set (cleanBefore should have emptied them): %s; the test's 4 inserted"
                        + " rows still there: %d%n", differ.isEmpty() ? "none" : differ,
                        outside.isEmpty() ? "none" : outside, rows.getInt(1));
            }
        }
        drop(database);
    }

    private void verify(String what, Connection connection, Map<String, String> expected) throws SQLException {
        Map<String, String> actual = checksums(connection);
        if (!actual.equals(expected)) {
            List<String> differ = actual.keySet().stream().filter(t -> !actual.get(t).equals(expected.get(t))).toList();
            throw new IllegalStateException(what + " left tables different from the data set: " + differ
                    + "; counts " + Chinook.counts(connection));
        }
    }

    /** md5 of each table's rows in a stable order: equal checksums, equal contents. */
    static Map<String, String> checksums(Connection connection) throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String table : Chinook.ORDER) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|'"
                         + " ORDER BY t::text)), '') FROM " + table + " t")) {
                rows.next();
                sums.put(table, rows.getString(1));
            }
        }
        return sums;
    }

    private String clone(String template) throws SQLException {
        String name = "peer_" + (++counter);
        try (Connection admin = connect("postgres")) {
            execute(admin, "CREATE DATABASE " + name + " TEMPLATE " + template);
        }
        return name;
    }

    private void drop(String database) throws SQLException {
        try (Connection admin = connect("postgres")) {
            execute(admin, "DROP DATABASE " + database + " WITH (FORCE)");
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "postgres", null);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }
}
