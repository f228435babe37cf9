package dev.refcheck.bench.foundation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * The 20-table, 25-FK schema of the per-test reset benchmark ({@code bench/twenty.sql}) and the SQL the
 * tests and the bare baselines run on it. tNN references t(NN-1), and t04, t07, ... t19 also t(NN-2).
 */
public final class BenchSchema {

    public static final String LOCATION = "classpath:bench/twenty.sql";
    public static final int TABLES = 20;
    public static final int ROWS_PER_TABLE = 50;

    /** One row into the root table: a second test that sees the first one's row fails on the primary key. */
    public static final String ONE_ROW = "INSERT INTO t01 (id, name) VALUES (1, 'one')";

    private BenchSchema() {
    }

    public static String ddl() {
        try (InputStream in = BenchSchema.class.getResourceAsStream("/bench/twenty.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 1,000 rows, 50 per table, parents first, in one round trip. */
    public static String thousandRows() {
        StringBuilder sql = new StringBuilder();
        for (int i = 1; i <= TABLES; i++) {
            String columns = "id, name";
            String values = "g, 'r' || g";
            if (i > 1) {
                columns += ", " + String.format("p%02d", i - 1);
                values += ", g";
            }
            if (i % 3 == 1 && i > 1) {
                columns += ", " + String.format("q%02d", i - 2);
                values += ", g";
            }
            sql.append(String.format("INSERT INTO t%02d (%s) SELECT %s FROM generate_series(1, %d) g;%n",
                    i, columns, values, ROWS_PER_TABLE));
        }
        return sql.toString();
    }

    /** The bare TRUNCATE: every table in one statement (a referenced table alone would fail with 0A000). */
    public static String truncateAll() {
        StringJoiner tables = new StringJoiner(", ", "TRUNCATE ", "");
        for (int i = 1; i <= TABLES; i++) {
            tables.add(String.format("t%02d", i));
        }
        return tables.toString();
    }

    /** The bare DELETE: children before parents, one round trip. */
    public static String deleteReverse() {
        StringBuilder sql = new StringBuilder();
        for (int i = TABLES; i >= 1; i--) {
            sql.append(String.format("DELETE FROM t%02d;%n", i));
        }
        return sql.toString();
    }
}
