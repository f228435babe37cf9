package dev.refcheck.bench;

import dev.refcheck.internal.Sql;
import dev.refcheck.orphans.AfterTestAudit;
import dev.refcheck.orphans.AuditCache;
import dev.refcheck.orphans.AuditPolicy;
import dev.refcheck.orphans.OrphanDetector;
import dev.refcheck.orphans.OrphanReport;
import dev.refcheck.postgres.Cluster;
import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.Provider;
import dev.refcheck.postgres.ServerSpec;
import dev.refcheck.postgres.Session;
import dev.refcheck.postgres.Template;
import dev.refcheck.postgres.TestDatabase;
import dev.refcheck.schema.ForeignKey;
import dev.refcheck.schema.ForeignKeyCatalog;
import dev.refcheck.schema.SchemaSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The orphan audit against the bare anti-join queries, in one run, on chinook (11 FKs, with its rows), pagila
 * (36 FKs) and a generated schema of 300 FKs:
 * <ul>
 *   <li>bare: every FK's anti-join, unprepared, all sent as one multi-statement string (one round trip);</li>
 *   <li>full audit: {@link OrphanDetector#audit(Connection)} on a warm connection (plans reused);</li>
 *   <li>after a test that touched one table with FKs: what refcheck adds before a TRANSACTION test's rollback
 *       (deferred constraints fired, touched tables read from pg_stat_xact_*, their FKs audited);</li>
 *   <li>after a test that touched no table with a FK.</li>
 * </ul>
 * Run from the repository root:
 * {@code java -cp benchmarks/target/refcheck-benchmarks.jar dev.refcheck.bench.OrphanAuditBenchmark [iterations]}
 */
public final class OrphanAuditBenchmark {

    private static final String CORPUS = "extension/src/test/resources/corpus/";

    private OrphanAuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path generated = generatedSchema(300);
        Path note = Files.createTempFile("refcheck-note", ".sql");
        Files.writeString(note, "CREATE TABLE public.bench_note (id int);\n");
        try (Cluster cluster = Cluster.start(ServerSpec.embedded())) {
            System.out.printf("%-10s %4s  %-28s %8s %8s %8s%n", "schema", "FKs", "what", "median", "p90", "min");
            run(cluster, "chinook", List.of("file:" + CORPUS + "chinook/schema.sql", "file:" + CORPUS
                    + "chinook/data.sql", "file:" + note), "UPDATE track SET name = name WHERE track_id = 1", iterations);
            run(cluster, "pagila", List.of("file:" + CORPUS + "pagila/schema.sql", "file:" + note),
                    "WITH l AS (INSERT INTO language (name) VALUES ('Latin') RETURNING language_id)"
                            + " INSERT INTO film (title, language_id) SELECT 'Quo Vadis', language_id FROM l", iterations);
            run(cluster, "gen300", List.of("file:" + generated, "file:" + note),
                    "UPDATE t75 SET note = 'x' WHERE id = 1", iterations);
        }
    }

    private static void run(Cluster cluster, String name, List<String> scripts, String touchOne, int iterations)
            throws Exception {
        Template template = cluster.template(SchemaSource.of(scripts, List.of(),
                OrphanAuditBenchmark.class.getClassLoader()));
        Session session = Session.begin(cluster, template, Isolation.CLEAN, null, "benchmark " + name);
        try {
            TestDatabase database = session;
            Properties properties = new Properties();
            properties.setProperty("user", database.user());
            if (database.password() != null) {
                properties.setProperty("password", database.password());
            }
            properties.setProperty("autosave", "always");
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), properties);
                 Connection committed = DriverManager.getConnection(database.jdbcUrl(), properties)) {
                ForeignKeyCatalog catalog = ForeignKeyCatalog.read(connection);
                String bare = bareAntiJoins(catalog);
                OrphanDetector detector = OrphanDetector.of(catalog);
                AuditCache cache = new AuditCache();
                AfterTestAudit audit = new AfterTestAudit(AuditPolicy.DEFAULT, "benchmark");
                connection.setAutoCommit(false);

                report(name, catalog.size(), "bare anti-joins, 1 round trip", time(iterations, () -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(bare);
                        while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
                            // drain every result
                        }
                    }
                }, connection));
                report(name, catalog.size(), "refcheck full audit", time(iterations, () -> {
                    OrphanReport report = detector.audit(connection);
                    if (!report.isEmpty()) {
                        throw new IllegalStateException("orphans in a clean corpus: " + report.describe());
                    }
                }, connection));
                report(name, catalog.size(), "after test, 1 FK table changed", timeAfter(iterations, connection,
                        touchOne, () -> audit.afterTransaction(connection, () -> committed, cache)));
                report(name, catalog.size(), "after test, no FK table changed", timeAfter(iterations, connection,
                        "INSERT INTO bench_note VALUES (1)", () -> audit.afterTransaction(connection, () -> committed, cache)));
                connection.rollback();
            }
        } finally {
            session.finish();
        }
    }

    interface Work {
        void run() throws SQLException;
    }

    /** Each iteration in a transaction of its own, rolled back afterwards (not timed). */
    private static long[] time(int iterations, Work work, Connection connection) throws SQLException {
        long[] nanos = new long[iterations];
        for (int i = -iterations / 5; i < iterations; i++) {
            long start = System.nanoTime();
            work.run();
            long elapsed = System.nanoTime() - start;
            connection.rollback();
            if (i >= 0) {
                nanos[i] = elapsed;
            }
        }
        return nanos;
    }

    /** A test's statement (not timed), then the audit that follows it (timed), then the rollback. */
    private static long[] timeAfter(int iterations, Connection connection, String testStatement, Work audit)
            throws SQLException {
        long[] nanos = new long[iterations];
        for (int i = -iterations / 5; i < iterations; i++) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(testStatement);
            }
            long start = System.nanoTime();
            audit.run();
            long elapsed = System.nanoTime() - start;
            connection.rollback();
            if (i >= 0) {
                nanos[i] = elapsed;
            }
        }
        return nanos;
    }

    private static void report(String schema, int fks, String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-10s %4d  %-32s %6.2f ms %6.2f ms %6.2f ms%n", schema, fks, what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6, sorted[0] / 1e6);
    }

    /** The plain anti-join per FK that a hand-written audit would send; MATCH SIMPLE semantics. */
    private static String bareAntiJoins(ForeignKeyCatalog catalog) {
        List<String> statements = new ArrayList<>();
        for (ForeignKey fk : catalog.foreignKeys()) {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < fk.childColumns().size(); i++) {
                pairs.add("p." + Sql.quote(fk.parentColumns().get(i)) + " = c." + Sql.quote(fk.childColumns().get(i)));
            }
            statements.add("SELECT c.* FROM " + fk.child().sql() + " c WHERE "
                    + fk.childColumns().stream().map(col -> "c." + Sql.quote(col) + " IS NOT NULL AND ")
                    .collect(Collectors.joining()) + "NOT EXISTS (SELECT 1 FROM " + fk.parent().sql() + " p WHERE "
                    + String.join(" AND ", pairs) + ")");
        }
        return String.join(";\n", statements);
    }

    /** 151 tables, each after the first with two FKs to earlier tables: {@code fks} FKs, 10 rows per table. */
    private static Path generatedSchema(int fks) throws IOException {
        Random random = new Random(42);
        int tables = fks / 2 + 1;
        StringBuilder sql = new StringBuilder();
        for (int t = 0; t < tables; t++) {
            sql.append("CREATE TABLE t").append(t).append(" (id int PRIMARY KEY, note text");
            if (t > 0) {
                int other = random.nextInt(t);
                sql.append(", a int REFERENCES t").append(t - 1).append(" (id), b int REFERENCES t").append(other)
                        .append(" (id)");
            }
            sql.append(");\n");
            sql.append("INSERT INTO t").append(t).append(" SELECT g, 'n'").append(t > 0 ? ", g, 11 - g" : "")
                    .append(" FROM generate_series(1, 10) g;\n");
        }
        Path file = Files.createTempFile("refcheck-gen" + fks, ".sql");
        Files.writeString(file, sql.toString());
        return file;
    }
}
