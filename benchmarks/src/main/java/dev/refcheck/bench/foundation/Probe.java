package dev.refcheck.bench.foundation;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a test body and remembers how long it took, so the per-test overhead (everything JUnit, refcheck or the
 * bare reset does around the body) is the test's total time minus its body. Tests run one at a time.
 */
public final class Probe {

    private static volatile long bodyNanos = -1;

    private Probe() {
    }

    public static void run(Connection connection, String sql) throws SQLException {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        bodyNanos = System.nanoTime() - start;
    }

    /** The statement, then {@code workMillis} of waiting: a test that spends its time in the code under test. */
    public static void run(Connection connection, String sql, long workMillis) throws SQLException {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        try {
            Thread.sleep(workMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        bodyNanos = System.nanoTime() - start;
    }

    static void reset() {
        bodyNanos = -1;
    }

    static long bodyNanos() {
        return bodyNanos;
    }
}
