package dev.refcheck.bench;

import dev.refcheck.fixtures.Fixture;
import dev.refcheck.fixtures.FixtureLoader;
import dev.refcheck.graph.LoadPlan;
import dev.refcheck.graph.TableGraph;
import dev.refcheck.postgres.Cluster;
import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.Provider;
import dev.refcheck.postgres.ServerSpec;
import dev.refcheck.postgres.Session;
import dev.refcheck.postgres.Template;
import dev.refcheck.schema.ForeignKeyCatalog;
import dev.refcheck.schema.SchemaSource;
import dev.refcheck.schema.TableCatalog;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

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

    private static final List<String> ORDER = List.of("genre", "media_type", "artist", "album", "track", "employee",
            "customer", "invoice", "invoice_line", "playlist", "playlist_track");
    private static final Pattern INSERT = Pattern.compile("INSERT INTO (\\w+) \\(([^)]*)\\) VALUES");

    private record Row(String table, Map<String, Object> values) {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "extension/src/test/resources/corpus/chinook");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        List<Row> rows = parse(Files.readString(corpus.resolve("data.sql"), StandardCharsets.UTF_8));
        List<Row> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(42));
        System.out.printf("chinook rows: %d, rounds: %d, cores: %d%n", rows.size(), rounds,
                Runtime.getRuntime().availableProcessors());
        try (Cluster cluster = Cluster.start(ServerSpec.embedded())) {
            Template chinook = cluster.template(SchemaSource.of(List.of("file:" + corpus.resolve("schema.sql")),
                    List.of(), FixtureLoadBenchmark.class.getClassLoader()));
            List<Long> refcheck = new ArrayList<>();
            List<Long> copy = new ArrayList<>();
            List<Long> build = new ArrayList<>();
            for (int round = -5; round < rounds; round++) {
                // alternate which goes first, so neither always meets a warmer cache
                boolean refcheckFirst = round % 2 == 0;
                for (int pass = 0; pass < 2; pass++) {
                    boolean viaRefcheck = (pass == 0) == refcheckFirst;
                    long start = System.nanoTime();
                    Fixture fixture = viaRefcheck ? fixture(shuffled) : null;
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

    /** The shuffled rows as a user's fixture: each row remembers the line that added it. */
    private static Fixture fixture(List<Row> rows) {
        Fixture.Builder fixture = Fixture.builder();
        rows.forEach(row -> fixture.row(row.table(), row.values()));
        return fixture.build();
    }

    /** One load in a fresh rolled-back transaction: through refcheck when {@code fixture} is given, else COPY. */
    private static long timeLoad(Cluster cluster, Template template, List<Row> rows, Fixture fixture)
            throws Exception {
        Session session = Session.begin(cluster, template, Isolation.TRANSACTION, null, "benchmark");
        try {
            Connection connection = session.connection();
            long start = System.nanoTime();
            if (fixture != null) {
                FixtureLoader.load(connection, fixture);
            } else {
                copyInOrder(connection, rows);
            }
            return System.nanoTime() - start;
        } finally {
            session.finish();
        }
    }

    /** The baseline: COPY per table, parents first, the order written by hand. */
    private static void copyInOrder(Connection connection, List<Row> rows) throws Exception {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        for (String table : ORDER) {
            List<Row> tableRows = rows.stream().filter(row -> row.table().equals(table)).toList();
            List<String> columns = List.copyOf(tableRows.get(0).values().keySet());
            StringBuilder data = new StringBuilder();
            for (Row row : tableRows) {
                for (int i = 0; i < columns.size(); i++) {
                    Object value = row.values().get(columns.get(i));
                    data.append(i == 0 ? "" : "\t").append(value == null ? "\\N" : value.toString()
                            .replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"));
                }
                data.append('\n');
            }
            copy.copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN",
                    new StringReader(data.toString()));
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

    /** The multi-row INSERTs of chinook's data.sql; N'…' is char(n), whose trailing spaces PostgreSQL drops. */
    static List<Row> parse(String sql) {
        List<Row> rows = new ArrayList<>();
        Matcher insert = INSERT.matcher(sql);
        int i = 0;
        while (insert.find(i)) {
            List<String> columns = Arrays.stream(insert.group(2).split(",")).map(String::trim).toList();
            i = insert.end();
            boolean more = true;
            while (more) {
                i = sql.indexOf('(', i) + 1;
                List<Object> values = new ArrayList<>();
                boolean tupleOpen = true;
                while (tupleOpen) {
                    while (sql.charAt(i) == ' ') {
                        i++;
                    }
                    boolean national = sql.charAt(i) == 'N' && sql.charAt(i + 1) == '\'';
                    if (national || sql.charAt(i) == '\'') {
                        i += national ? 2 : 1;
                        StringBuilder text = new StringBuilder();
                        while (sql.charAt(i) != '\'' || sql.charAt(i + 1) == '\'') {
                            if (sql.charAt(i) == '\'') {
                                i++;
                            }
                            text.append(sql.charAt(i++));
                        }
                        i++;
                        values.add(national ? text.toString().stripTrailing() : text.toString());
                    } else {
                        int start = i;
                        while (sql.charAt(i) != ',' && sql.charAt(i) != ')') {
                            i++;
                        }
                        String literal = sql.substring(start, i).trim();
                        values.add(literal.equals("NULL") ? null : literal);
                    }
                    while (sql.charAt(i) == ' ') {
                        i++;
                    }
                    tupleOpen = sql.charAt(i++) != ')';
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int c = 0; c < columns.size(); c++) {
                    row.put(columns.get(c), values.get(c));
                }
                rows.add(new Row(insert.group(1), row));
                while (Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
                more = sql.charAt(i++) == ',';
            }
        }
        return rows;
    }
}
