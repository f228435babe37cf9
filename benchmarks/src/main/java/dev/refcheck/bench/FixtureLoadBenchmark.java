package dev.refcheck.bench;

import dev.refcheck.bench.peers.Chinook;
import dev.refcheck.bench.peers.Dataset;
import dev.refcheck.bench.peers.RawCopy;
import dev.refcheck.bench.peers.Refcheck;
import dev.refcheck.fixtures.Fixture;
import dev.refcheck.fixtures.FixtureLoader;
import dev.refcheck.graph.LoadPlan;
import dev.refcheck.graph.TableGraph;
import dev.refcheck.postgres.Cluster;
import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.ServerSpec;
import dev.refcheck.postgres.Session;
import dev.refcheck.postgres.Template;
import dev.refcheck.schema.ForeignKeyCatalog;
import dev.refcheck.schema.SchemaSource;
import dev.refcheck.schema.TableCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Issue 4's speed targets, side by side in one run on one embedded server.
 * <ol>
 *   <li>The 15.6k chinook rows, shuffled, through {@code FixtureLoader} (catalog read, plan, COPY per table) versus
 *   the same rows COPYed by hand in the right order; FKs enforced in both, each round in a rolled-back
 *   transaction on a fresh pooled clone.</li>
 *   <li>FK catalog read plus plan for a generated 300-FK schema (and with the table catalog a load also reads).</li>
 * </ol>
 * Run: {@code java -cp benchmarks/target/refcheck-benchmarks.jar dev.refcheck.bench.FixtureLoadBenchmark
 * [corpus dir, default extension/src/test/resources/corpus/chinook] [rounds, default 15]}
 */
public final class FixtureLoadBenchmark {

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "extension/src/test/resources/corpus/chinook");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        try (Cluster cluster = Cluster.start(ServerSpec.embedded())) {
            Template chinook = cluster.template(SchemaSource.of(List.of("file:" + corpus.resolve("schema.sql")),
                    List.of(), FixtureLoadBenchmark.class.getClassLoader()));
            Dataset rows = read(cluster, corpus);
            System.out.printf("chinook rows: %d, rounds: %d, cores: %d%n", rows.rowCount(), rounds,
                    Runtime.getRuntime().availableProcessors());
            List<Long> refcheck = new ArrayList<>();
            List<Long> copy = new ArrayList<>();
            List<Long> build = new ArrayList<>();
            for (int round = -5; round < rounds; round++) {
                // alternate which goes first, so neither always meets a warmer cache
                boolean refcheckFirst = round % 2 == 0;
                for (int pass = 0; pass < 2; pass++) {
                    boolean viaRefcheck = (pass == 0) == refcheckFirst;
                    long start = System.nanoTime();
                    Fixture fixture = viaRefcheck ? Refcheck.shuffled(rows) : null;
                    long built = System.nanoTime() - start;
                    long nanos = timeLoad(cluster, chinook, rows, fixture);
                    if (round >= 0) {
                        (viaRefcheck ? refcheck : copy).add(nanos);
                        if (viaRefcheck) {
                            build.add(built);
                        }
                    }
                }
            }
            report("refcheck FixtureLoader.load, shuffled rows", refcheck);
            report("hand-ordered COPY per table", copy);
            report("(building the Fixture of 15.6k rows, not in the load)", build);
            System.out.printf("ratio of medians refcheck / COPY: %.2f (with the build: %.2f)%n",
                    (double) median(refcheck) / median(copy), (double) (median(refcheck) + median(build)) / median(copy));
            // each round's two loads ran back to back: their ratio cancels most of what other processes do
            List<Double> paired = new ArrayList<>();
            for (int i = 0; i < refcheck.size(); i++) {
                paired.add((double) refcheck.get(i) / copy.get(i));
            }
            Collections.sort(paired);
            System.out.printf("median of per-round ratios refcheck / COPY: %.2f (quartiles %.2f .. %.2f)%n",
                    paired.get(paired.size() / 2), paired.get(paired.size() / 4), paired.get(paired.size() * 3 / 4));
            catalogAndPlan(cluster, rounds);
        }
    }

    /** chinook's rows as the peers benchmark reads them: data.sql in a template, read back typed. */
    private static Dataset read(Cluster cluster, Path corpus) throws Exception {
        Template full = cluster.template(SchemaSource.of(List.of("file:" + corpus.resolve("schema.sql"),
                "file:" + corpus.resolve("data.sql")), List.of(), FixtureLoadBenchmark.class.getClassLoader()));
        Session session = Session.begin(cluster, full, Isolation.TRANSACTION, null, "benchmark");
        try {
            return Chinook.read(session.connection());
        } finally {
            session.finish();
        }
    }

    /** One load in a fresh rolled-back transaction: through refcheck when {@code fixture} is given, else COPY. */
    private static long timeLoad(Cluster cluster, Template template, Dataset rows, Fixture fixture)
            throws Exception {
        Session session = Session.begin(cluster, template, Isolation.TRANSACTION, null, "benchmark");
        try {
            Connection connection = session.connection();
            long start = System.nanoTime();
            if (fixture != null) {
                FixtureLoader.load(connection, fixture);
            } else {
                RawCopy.copy(connection, rows); // parents first, the order written by hand
            }
            return System.nanoTime() - start;
        } finally {
            session.finish();
        }
    }

    private static void catalogAndPlan(Cluster cluster, int rounds) throws Exception {
        Path schema = Files.createTempFile("refcheck-300fk", ".sql");
        Files.writeString(schema, generatedSchema(240, 300));
        Template template = cluster.template(SchemaSource.of(List.of("file:" + schema), List.of(),
                FixtureLoadBenchmark.class.getClassLoader()));
        List<Long> plan = new ArrayList<>();
        List<Long> withTables = new ArrayList<>();
        int fks = 0;
        for (int round = -5; round < rounds * 2; round++) {
            Session session = Session.begin(cluster, template, Isolation.TRANSACTION, null, "benchmark");
            try {
                Connection connection = session.connection();
                long start = System.nanoTime();
                ForeignKeyCatalog catalog = ForeignKeyCatalog.read(connection);
                LoadPlan loadPlan = TableGraph.of(catalog).plan();
                long planned = System.nanoTime();
                TableCatalog.read(connection);
                long end = System.nanoTime();
                fks = catalog.size();
                if (round >= 0) {
                    plan.add(planned - start);
                    withTables.add(end - start);
                }
                if (loadPlan.insertOrder().isEmpty()) {
                    throw new IllegalStateException("empty plan");
                }
            } finally {
                session.finish();
            }
        }
        System.out.printf("generated schema: 240 tables, %d FKs%n", fks);
        report("FK catalog read + plan", plan);
        report("FK catalog + table catalog read + plan (what a load reads)", withTables);
        Files.deleteIfExists(schema);
    }

    /** Tables with a key and a few FKs each, some composite, some cycles through nullable columns. */
    static String generatedSchema(int tables, int fks) {
        Random random = new Random(7);
        StringBuilder sql = new StringBuilder();
        for (int t = 0; t < tables; t++) {
            sql.append("CREATE TABLE t").append(t).append(" (id int PRIMARY KEY, k int NOT NULL, UNIQUE (id, k));\n");
        }
        for (int f = 0; f < fks; f++) {
            int child = 1 + random.nextInt(tables - 1);
            boolean back = random.nextInt(20) == 0; // an occasional cycle
            int parent = back ? child + random.nextInt(tables - child) : random.nextInt(child);
            boolean composite = random.nextInt(4) == 0;
            sql.append("ALTER TABLE t").append(child).append(" ADD COLUMN f").append(f).append(" int")
                    .append(back ? "" : " NOT NULL").append(composite ? ", ADD COLUMN g" + f + " int" : "")
                    .append(", ADD CONSTRAINT fk").append(f).append(" FOREIGN KEY (f").append(f)
                    .append(composite ? ", g" + f : "").append(") REFERENCES t").append(parent)
                    .append(composite ? " (id, k)" : " (id)").append(";\n");
        }
        return sql.toString();
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("%-60s median %7.2f ms, min %7.2f ms, max %7.2f ms (n=%d)%n", what, median(nanos) / 1e6,
                sorted.get(0) / 1e6, sorted.get(sorted.size() - 1) / 1e6, sorted.size());
    }

    private static long median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
