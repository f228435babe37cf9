package dev.refcheck.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;

/**
 * What TRANSACTION isolation's end-of-test check costs: the bare ROLLBACK against ROLLBACK TO SAVEPOINT (the check
 * that the test did not COMMIT in SQL) followed by ROLLBACK, on the same connection, interleaved in one run.
 * Each iteration is a whole test: savepoint, one INSERT, end.
 *
 * <pre>java -cp benchmarks/target/refcheck-benchmarks.jar dev.refcheck.bench.TransactionEndCost</pre>
 */
public final class TransactionEndCost {

    private static final int ROUNDS = 7;
    private static final int TESTS = 2000;

    private TransactionEndCost() {
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start()) {
            Properties properties = new Properties();
            properties.setProperty("user", "postgres");
            properties.setProperty("autosave", "always");
            try (Connection connection = java.sql.DriverManager.getConnection(
                    postgres.getJdbcUrl("postgres", "postgres"), properties)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE t (id int)");
                }
                connection.setAutoCommit(false);
                double[] bare = new double[ROUNDS];
                double[] checked = new double[ROUNDS];
                run(connection, false, TESTS); // warm-up
                run(connection, true, TESTS);
                for (int round = 0; round < ROUNDS; round++) {
                    bare[round] = run(connection, false, TESTS);
                    checked[round] = run(connection, true, TESTS);
                }
                System.out.printf("per test, median of %d rounds x %d tests:%n", ROUNDS, TESTS);
                System.out.printf("  savepoint + INSERT + ROLLBACK                       %.3f ms%n", median(bare));
                System.out.printf("  savepoint + INSERT + ROLLBACK TO SAVEPOINT + ROLLBACK %.3f ms%n", median(checked));
            }
        }
    }

    private static double run(Connection connection, boolean check, int tests) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < tests; i++) {
            Savepoint savepoint = connection.setSavepoint();
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO t VALUES (1)");
            }
            if (check) {
                connection.rollback(savepoint);
            }
            connection.rollback();
        }
        return (System.nanoTime() - start) / 1e6 / tests;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
