package dev.refcheck.bench.scale;

import dev.refcheck.bench.Stats;
import dev.refcheck.fixtures.Fixture;
import dev.refcheck.fixtures.FixtureLoader;
import dev.refcheck.graph.TableGraph;
import dev.refcheck.orphans.OrphanDetector;
import dev.refcheck.orphans.OrphanReport;
import dev.refcheck.postgres.Cluster;
import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.ServerSpec;
import dev.refcheck.postgres.Session;
import dev.refcheck.postgres.Template;
import dev.refcheck.schema.ForeignKeyCatalog;
import dev.refcheck.schema.SchemaSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Issue 8's scale curve: plan, load and orphan-audit cost against schema size (FKs) and rows, on one embedded
 * server. The schema has {@code fks / 2 + 1} tables, each after the first with two FKs to earlier tables; the rows
 * are spread evenly over the tables (rounded down to a multiple of the table count, so "1k rows" is 501 rows at
 * 1,000 FKs) and handed to the loader shuffled. Each point runs in a rolled-back TRANSACTION
 * session on a clone of the schema's template. Writes {@code scale.md} (table) and {@code scale.svg} (chart).
 *
 * <pre>java -Xmx8g -cp benchmarks/target/refcheck-benchmarks.jar dev.refcheck.bench.scale.ScaleBench
 *   [repetitions for 1k and 100k rows, default 3] [out dir, default docs/benchmarks] [max rows, default 1000000]</pre>
 * 1M-row points run once (each takes tens of seconds).
 */
public final class ScaleBench {

    static final int[] FKS = {10, 100, 300, 1000};
    static final int[] ROWS = {1_000, 100_000, 1_000_000};

    /** One measured point; times in ms, medians over the repetitions. */
    record Point(int fks, int tables, int nominalRows, int rows, int runs, double plan, double load, double audit) {
    }

    private ScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path out = Path.of(args.length > 1 ? args[1] : "docs/benchmarks");
        int maxRows = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        List<Point> points = new ArrayList<>();
        try (Cluster cluster = Cluster.start(ServerSpec.embedded())) {
            Map<Integer, Template> templates = new LinkedHashMap<>();
            for (int fks : FKS) {
                Path schema = Files.createTempFile("refcheck-scale-" + fks, ".sql");
                Files.writeString(schema, schema(fks));
                templates.put(fks, cluster.template(SchemaSource.of(List.of("file:" + schema), List.of(),
                        ScaleBench.class.getClassLoader())));
                Files.deleteIfExists(schema);
            }
            // rows outermost: the long 1M-row loads (and the dead rows they leave) come last and do not disturb
            // the small points; templates are all built before any timing
            for (int rows : ROWS) {
                if (rows > maxRows) {
                    continue;
                }
                for (int fks : FKS) {
                    Template template = templates.get(fks);
                    int runs = rows >= 1_000_000 ? 1 : repetitions;
                    Fixture fixture = fixture(fks, rows);
                    List<Double> plan = new ArrayList<>();
                    List<Double> load = new ArrayList<>();
                    List<Double> audit = new ArrayList<>();
                    // one untimed warm-up below 1M rows, so no point carries the JIT or a cold backend
                    for (int run = rows < 1_000_000 ? -1 : 0; run < runs; run++) {
                        double[] t = measure(cluster, template, fixture);
                        if (run >= 0) {
                            plan.add(t[0]);
                            load.add(t[1]);
                            audit.add(t[2]);
                        }
                    }
                    Point point = new Point(fks, tables(fks), rows, fixture.rows().size(), runs, Stats.median(plan),
                            Stats.median(load), Stats.median(audit));
                    points.add(point);
                    System.err.printf(Locale.ROOT, "%5d FKs %8d rows: plan %s ms, load %s ms, audit %s ms (runs %s / %s / %s)%n",
                            fks, point.rows(), Stats.ms(point.plan()), Stats.ms(point.load()), Stats.ms(point.audit()),
                            Stats.all(plan), Stats.all(load), Stats.all(audit));
                }
            }
        }
        points.sort(java.util.Comparator.comparingInt(Point::fks).thenComparingInt(Point::rows));
        String table = ScaleReport.table(points);
        System.out.println(table);
        Files.createDirectories(out);
        Files.writeString(out.resolve("scale.svg"), ScaleChart.svg(points), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("scale-table.md"), table, StandardCharsets.UTF_8);
    }

    /** plan (FK catalog read + plan), load (FixtureLoader, its own catalog reads included), full orphan audit. */
    private static double[] measure(Cluster cluster, Template template, Fixture fixture) throws Exception {
        Session session = Session.begin(cluster, template, Isolation.TRANSACTION, null, "ScaleBench");
        try {
            Connection connection = session.connection();
            long t0 = System.nanoTime();
            ForeignKeyCatalog catalog = ForeignKeyCatalog.read(connection);
            if (TableGraph.of(catalog).plan().insertOrder().isEmpty()) {
                throw new IllegalStateException("empty plan");
            }
            long t1 = System.nanoTime();
            FixtureLoader.load(connection, fixture);
            long t2 = System.nanoTime();
            OrphanReport report = OrphanDetector.of(catalog).audit(connection);
            long t3 = System.nanoTime();
            if (!report.isEmpty()) {
                throw new IllegalStateException("orphans after a consistent load: " + report.describe());
            }
            return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6};
        } finally {
            session.finish();
        }
    }

    static int tables(int fks) {
        return fks / 2 + 1;
    }

    /** Table t (t > 0) references t-1 and one random earlier table: a 500-deep chain at 1,000 FKs. */
    static String schema(int fks) {
        Random random = new Random(42);
        StringBuilder sql = new StringBuilder();
        int tables = tables(fks);
        for (int t = 0; t < tables; t++) {
            sql.append("CREATE TABLE t").append(t).append(" (id int PRIMARY KEY, note text");
            if (t > 0) {
                sql.append(", a int NOT NULL REFERENCES t").append(t - 1).append(" (id), b int REFERENCES t")
                        .append(random.nextInt(t)).append(" (id)");
            }
            sql.append(");\n");
            // the FK columns indexed, as a schema audited for orphans should be
            if (t > 0) {
                sql.append("CREATE INDEX ON t").append(t).append(" (a);\nCREATE INDEX ON t").append(t).append(" (b);\n");
            }
        }
        return sql.toString();
    }

    /** {@code rows} rows spread over the tables, every FK pointing at an existing parent row, shuffled. */
    static Fixture fixture(int fks, int rows) {
        int tables = tables(fks);
        int perTable = Math.max(1, rows / tables);
        List<Map<String, Object>> values = new ArrayList<>(perTable * tables);
        List<String> names = new ArrayList<>(perTable * tables);
        for (int t = 0; t < tables; t++) {
            for (int id = 1; id <= perTable; id++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", id);
                row.put("note", "n");
                if (t > 0) {
                    row.put("a", id);
                    row.put("b", perTable + 1 - id);
                }
                values.add(row);
                names.add("t" + t);
            }
        }
        List<Integer> order = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(42));
        Fixture.Builder fixture = Fixture.builder();
        for (int i : order) {
            fixture.row(names.get(i), values.get(i));
        }
        return fixture.build();
    }
}
