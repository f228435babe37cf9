package dev.refcheck.bench.foundation;

import dev.refcheck.bench.Stats;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * Where the per-test time of CLEAN and FRESH goes: the statements refcheck 0.1 runs (copied from
 * PooledDatabase, CleanSession, Cluster), each timed from the client, next to the alternatives an optimisation
 * could use. Not a comparison for the targets (IsolationBench is): a profile to say which step costs what.
 *
 * <pre>java -cp benchmarks/target/refcheck-benchmarks.jar dev.refcheck.bench.foundation.ResetProfile [repetitions]</pre>
 */
public final class ResetProfile {

    private static final String COUNTERS = "SELECT relid, concat_ws(',', n_tup_ins, n_tup_upd, n_tup_del,"
            + " n_live_tup) FROM pg_stat_user_tables WHERE schemaname <> 'refcheck_baseline'";
    private static final String OTHERS = "SELECT count(*) FROM pg_stat_activity"
            + " WHERE datname = current_database() AND pid <> pg_backend_pid()";

    private final Map<String, List<Double>> steps = new LinkedHashMap<>();
    private final RawServer server;
    private int othersSeen;

    private ResetProfile(RawServer server) {
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        try (RawServer server = RawServer.start(Map.of())) {
            ResetProfile profile = new ResetProfile(server);
            profile.clean(repetitions);
            profile.proposedClean(repetitions);
            profile.fresh(repetitions);
            System.out.println("| step | median ms | p90 ms |");
            System.out.println("|---|---|---|");
            profile.steps.forEach((step, values) -> System.out.printf("| %s | %s | %s |%n", step,
                    Stats.ms(Stats.median(values)), Stats.ms(Stats.percentile(values, 90))));
            System.out.printf("CLEAN: another backend still listed in pg_stat_activity right after the test's"
                    + " connection closed, in %d of %d tests (refcheck then empties all 20 tables)%n",
                    profile.othersSeen, 2 * repetitions);
        }
    }

    private void clean(int repetitions) throws Exception {
        try (Connection maintenance = server.connect("postgres")) {
            String database = server.cloneTemplate(maintenance);
            try (Connection own = server.connect(database)) {
                for (int i = 0; i < 2 * repetitions; i++) {
                    boolean all = i % 2 == 0;
                    String prefix = all ? "CLEAN 1k rows/20 tables: " : "CLEAN 1 row/1 table: ";
                    Connection test = time(prefix + "test connection: connect (new backend)",
                            () -> connect(database));
                    run(test, all ? BenchSchema.thousandRows() : BenchSchema.ONE_ROW);
                    time(prefix + "close: SELECT pg_stat_force_next_flush()", () -> run(test, "SELECT pg_stat_force_next_flush()"));
                    time(prefix + "close: Connection.close", () -> {
                        test.close();
                        return null;
                    });
                    int others = time(prefix + "own: count other backends (pg_stat_activity)", () -> count(own, OTHERS));
                    othersSeen += others > 0 ? 1 : 0;
                    time(prefix + "own: read counters (pg_stat_user_tables)", () -> count(own, COUNTERS));
                    String delete = all ? deleteAllInOneStatement() : "DELETE FROM ONLY \"public\".\"t01\"";
                    time(prefix + "own: BEGIN; DELETE (one WITH statement); COMMIT", () -> {
                        own.setAutoCommit(false);
                        run(own, delete);
                        own.commit();
                        own.setAutoCommit(true);
                        return null;
                    });
                    time(prefix + "own: flush + read counters again", () -> {
                        run(own, "SELECT pg_stat_force_next_flush()");
                        return count(own, COUNTERS);
                    });
                }
                // the alternatives, on the same 1k rows
                for (int i = 0; i < repetitions; i++) {
                    run(own, BenchSchema.thousandRows());
                    time("alternative, 1k rows/20 tables: TRUNCATE all 20 in one statement",
                            () -> run(own, BenchSchema.truncateAll()));
                    run(own, BenchSchema.thousandRows());
                    time("alternative, 1k rows/20 tables: DELETE reverse FK order, one round trip",
                            () -> run(own, BenchSchema.deleteReverse()));
                    run(own, BenchSchema.ONE_ROW);
                    time("alternative, 1 row/1 table: TRUNCATE t01..t20 (a root table needs its referencing ones)",
                            () -> run(own, BenchSchema.truncateAll()));
                }
            }
            RawServer.drop(maintenance, database);
        }
    }

    /**
     * The CLEAN proposed in docs/benchmarks/foundation.md: the test's connection is kept across tests, one round
     * trip flushes and reads the counters on it, and the restore runs on that same connection (children-first
     * DELETEs in one round trip, which the server executes as fast as refcheck's single WITH statement); the new
     * counters are not read back.
     */
    private void proposedClean(int repetitions) throws Exception {
        try (Connection maintenance = server.connect("postgres")) {
            String database = server.cloneTemplate(maintenance);
            try (Connection test = connect(database)) {
                for (int i = 0; i < 2 * repetitions; i++) {
                    boolean all = i % 2 == 0;
                    String prefix = all ? "proposed CLEAN, 1k rows/20 tables: " : "proposed CLEAN, 1 row/1 table: ";
                    run(test, all ? BenchSchema.thousandRows() : BenchSchema.ONE_ROW);
                    long start = System.nanoTime();
                    time(prefix + "flush + read counters, one round trip on the kept connection", () -> flushAndRead(test));
                    time(prefix + (all ? "DELETE t20..t01, children first, one round trip" : "DELETE FROM t01"), () ->
                            run(test, all ? BenchSchema.deleteReverse() : "DELETE FROM ONLY \"public\".\"t01\""));
                    steps.computeIfAbsent(prefix + "total", k -> new ArrayList<>())
                            .add((System.nanoTime() - start) / 1e6);
                }
            }
            RawServer.drop(maintenance, database);
        }
    }

    /** Both statements in one round trip; the counters come back as the second result. */
    private static int flushAndRead(Connection connection) throws SQLException {
        int n = 0;
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_force_next_flush(); " + COUNTERS);
            statement.getMoreResults();
            try (ResultSet rows = statement.getResultSet()) {
                while (rows.next()) {
                    n++;
                }
            }
        }
        return n;
    }

    private void fresh(int repetitions) throws Exception {
        try (Connection maintenance = server.connect("postgres")) {
            for (int i = 0; i < repetitions; i++) {
                for (String strategy : new String[] {"WAL_LOG", "FILE_COPY"}) {
                    String name = "clone_" + strategy.toLowerCase() + "_" + i;
                    String prefix = "FRESH, STRATEGY " + strategy + ": ";
                    time(prefix + "CREATE DATABASE ... TEMPLATE", () -> run(maintenance, "CREATE DATABASE " + name
                            + " TEMPLATE " + RawServer.TEMPLATE + " STRATEGY " + strategy));
                    Connection test = time(prefix + "connect", () -> connect(name));
                    run(test, BenchSchema.ONE_ROW);
                    test.close();
                    if (i % 2 == 0) {
                        time(prefix + "DROP ... WITH (FORCE) right after close", () -> run(maintenance,
                                "DROP DATABASE " + name + " WITH (FORCE)"));
                    } else {
                        time(prefix + "wait until the closed backend is gone (poll pg_stat_activity)",
                                () -> waitGone(maintenance, name));
                        time(prefix + "DROP ... WITH (FORCE) once it is gone", () -> run(maintenance,
                                "DROP DATABASE " + name + " WITH (FORCE)"));
                    }
                }
                time("FRESH: a new maintenance connection (refcheck's Cluster.execute opens one per statement)",
                        () -> {
                            connect("postgres").close();
                            return null;
                        });
            }
        }
    }

    private Object waitGone(Connection maintenance, String name) throws Exception {
        while (count(maintenance, "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + name + "'") > 0) {
            Thread.sleep(1);
        }
        return null;
    }

    private static String deleteAllInOneStatement() {
        StringJoiner sql = new StringJoiner(", ", "WITH ", "");
        for (int i = 1; i < BenchSchema.TABLES; i++) {
            sql.add(String.format("s%d AS (DELETE FROM ONLY \"public\".\"t%02d\")", i, i));
        }
        return sql + String.format(" DELETE FROM ONLY \"public\".\"t%02d\"", BenchSchema.TABLES);
    }

    private Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("ApplicationName", "refcheck");
        return DriverManager.getConnection(server.url(database), properties);
    }

    private static Object run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        return null;
    }

    private static int count(Connection connection, String sql) throws SQLException {
        int n = 0;
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                n = sql.startsWith("SELECT count") ? rows.getInt(1) : n + 1;
            }
        }
        return n;
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    private <T> T time(String step, Step<T> work) throws Exception {
        long start = System.nanoTime();
        T result = work.run();
        steps.computeIfAbsent(step, k -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6);
        return result;
    }
}
