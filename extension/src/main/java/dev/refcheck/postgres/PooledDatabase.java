package dev.refcheck.postgres;

import dev.refcheck.orphans.AuditCache;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A clone of a template that tests borrow one at a time, with the connection refcheck keeps on it. */
final class PooledDatabase {

    private static final Logger LOG = LoggerFactory.getLogger("dev.refcheck");
    private static final int LOCK_TIMEOUT_SECONDS = 5;
    /** Restores in a row before user triggers writing back and forth are given up on. */
    private static final int MAX_RESTORE_ROUNDS = 5;
    /** Per table, the counters that move when rows are written (n_live_tup catches a TRUNCATE). */
    private static final String COUNTERS = "SELECT relid, concat_ws(',', n_tup_ins, n_tup_upd, n_tup_del, n_live_tup)";
    private static final String COUNTERS_FROM = " FROM pg_stat_user_tables WHERE schemaname <> '" + Baseline.SCHEMA + "'";
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Cluster cluster;
    private final Template template;
    private final String name;
    private Connection own;
    private Connection transactional;
    private final Deque<Connection> idle = new ArrayDeque<>();
    /** relid -> change counters at the end of the last clean-up (CLEAN) */
    private Map<Long, String> counters;
    /** relid -> change counters when the last test ended, as {@link #touched} read them; null when unknown */
    private Map<Long, String> ended;
    /** what the orphan audit keeps about this database between tests */
    final AuditCache auditCache = new AuditCache();

    PooledDatabase(Cluster cluster, Template template, String name) {
        this.cluster = cluster;
        this.template = template;
        this.name = name;
    }

    Template template() {
        return template;
    }

    String name() {
        return name;
    }

    Cluster cluster() {
        return cluster;
    }

    Connection connect(Properties properties) throws SQLException {
        return cluster.server().connect(name, properties);
    }

    /** refcheck's own connection on this database (auto-commit), kept across tests. */
    Connection own() throws SQLException {
        if (own == null || own.isClosed()) {
            own = connect(new Properties());
        }
        return own;
    }

    /** The connection TRANSACTION tests share, one after another: auto-commit off, autosave on. */
    Connection transactional() throws SQLException {
        if (transactional == null || transactional.isClosed()) {
            Properties properties = new Properties();
            properties.setProperty("autosave", "always");
            transactional = connect(properties);
            transactional.setAutoCommit(false);
        }
        return transactional;
    }

    /** A physical connection for a CLEAN test: one kept from an earlier test, so no test pays for a new backend. */
    synchronized Connection borrow() throws SQLException {
        Connection connection = idle.pollFirst();
        while (connection != null && connection.isClosed()) {
            connection = idle.pollFirst();
        }
        return connection != null ? connection : connect(new Properties());
    }

    /**
     * Takes back a connection a CLEAN test used: its session state is discarded and its statistics flushed, so
     * the clean-up sees every table it changed. A broken one is closed instead.
     */
    void release(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DISCARD ALL");
            if (cluster.countersFlushable()) {
                statement.execute("SELECT pg_stat_force_next_flush()");
            }
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // broken already
            }
            return;
        }
        synchronized (this) {
            idle.addFirst(connection);
        }
    }

    /**
     * The tables changed since the last clean-up, from the statistics counters (one round trip), or null when
     * that cannot be known: a server before 15, or another backend on the database whose counters may not be
     * flushed yet (refcheck's own connections are flushed by {@link #release}).
     */
    Set<Long> touched() throws SQLException {
        if (!cluster.countersFlushable()) {
            return null;
        }
        Map<Long, String> now = new HashMap<>();
        int others = 0;
        try (Statement statement = own().createStatement();
             ResultSet rows = statement.executeQuery(COUNTERS + ", (SELECT count(*) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                     + " AND application_name IS DISTINCT FROM '" + PostgresServer.APPLICATION_NAME + "')"
                     + COUNTERS_FROM)) {
            while (rows.next()) {
                now.put(rows.getLong(1), rows.getString(2));
                others = rows.getInt(3);
            }
        }
        ended = others > 0 ? null : now;
        if (counters == null || others > 0) {
            return null;
        }
        Set<Long> touched = new TreeSet<>();
        now.forEach((oid, value) -> {
            if (!value.equals(counters.get(oid))) {
                touched.add(oid);
            }
        });
        return touched;
    }

    /**
     * Puts {@code touched} tables (all of them when null) back to the template's state (CLEAN), in one round
     * trip (two when restoring rows fails and whole tables are rebuilt), then reads the counters the next test
     * is compared with. Without the replica role a user trigger fires for the restore's own changes and can
     * write to other tables: then the tables whose counters moved are put back again, until none moves.
     */
    void clean(Set<Long> touched) throws SQLException {
        Collection<Long> pass = touched != null ? touched : template.baseline().tableOids();
        boolean triggersFire = !cluster.superuser() && template.baseline().userTriggers();
        Map<Long, String> before = triggersFire && (touched == null || ended == null) ? readCounters(own()) : ended;
        for (int round = 1; ; round++) {
            restore(pass);
            Map<Long, String> after = readCounters(own());
            Set<Long> moved = new TreeSet<>();
            if (triggersFire) {
                for (Map.Entry<Long, String> table : after.entrySet()) {
                    if (!table.getValue().equals(before.get(table.getKey()))) {
                        moved.add(table.getKey());
                    }
                }
            }
            if (moved.isEmpty()) {
                counters = after;
                return;
            }
            if (round == MAX_RESTORE_ROUNDS) {
                throw new IllegalStateException("refcheck could not put database " + name + " back for the next"
                        + " test: user triggers or rules kept changing " + template.baseline().names(moved)
                        + " while refcheck restored them, " + MAX_RESTORE_ROUNDS + " times. Run the tests as a"
                        + " superuser (refcheck then restores under session_replication_role = replica, where user"
                        + " triggers do not fire), or use FRESH isolation. The next test gets another database.");
            }
            pass = moved;
            before = after;
        }
    }

    private void restore(Collection<Long> tables) throws SQLException {
        Baseline.Restore restore = template.baseline().restore(tables, cluster.superuser());
        if (restore.isEmpty()) {
            return;
        }
        Connection connection = own();
        StringBuilder sql = new StringBuilder("BEGIN;\n");
        if (cluster.superuser()) {
            // the schema's own rows go back as they were, even those a NOT VALID FK never checked; no RI
            // check or user trigger fires for refcheck's clean-up
            sql.append("SET LOCAL session_replication_role = replica;\n");
        }
        // a connection the test opened itself and left open can hold row locks: fail, do not wait forever
        sql.append("SET LOCAL lock_timeout = '").append(LOCK_TIMEOUT_SECONDS).append("s';\n");
        sql.append("SAVEPOINT refcheck_rows;\n");
        try {
            run(connection, sql, restore.rows());
        } catch (SQLException e) {
            try {
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw e;
                }
                LOG.debug("refcheck: restoring rows of {} failed ({}); rebuilding the tables", name, e.getMessage());
                run(connection, new StringBuilder("ROLLBACK TO SAVEPOINT refcheck_rows;\n"), restore.tables());
            } catch (SQLException failed) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ROLLBACK");
                }
                if (LOCK_NOT_AVAILABLE.equals(failed.getSQLState())) {
                    throw leftLocked(failed);
                }
                throw failed;
            }
        }
    }

    private void run(Connection connection, StringBuilder sql, List<String> restore) throws SQLException {
        restore.forEach(statement -> sql.append(statement).append(";\n"));
        sql.append("COMMIT;\n");
        if (cluster.countersFlushable()) {
            sql.append("SELECT pg_stat_force_next_flush()");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql.toString());
        }
    }

    private IllegalStateException leftLocked(SQLException e) {
        return new IllegalStateException("refcheck could not put database " + name + " back for the next test: after "
                + LOCK_TIMEOUT_SECONDS + " s another connection still held locks on its rows (" + e.getMessage()
                + "). A connection opened from the test database's URL was probably left open; close every"
                + " connection you open before the test ends. The next test gets another database.", e);
    }

    /** Starts counting changes from now (the first CLEAN test on this database). */
    void startCounting() throws SQLException {
        if (counters == null) {
            counters = readCounters(own());
        }
    }

    private Map<Long, String> readCounters(Connection connection) throws SQLException {
        Map<Long, String> values = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(COUNTERS + COUNTERS_FROM)) {
            while (rows.next()) {
                values.put(rows.getLong(1), rows.getString(2));
            }
        }
        return values;
    }

    void closeConnections() {
        try {
            if (own != null) {
                own.close();
            }
            if (transactional != null) {
                transactional.close();
            }
            synchronized (this) {
                for (Connection connection : idle) {
                    connection.close();
                }
                idle.clear();
            }
        } catch (SQLException ignored) {
            // the database goes away with the server
        }
        own = null;
        transactional = null;
    }
}
