package dev.refcheck.postgres;

import dev.refcheck.orphans.AuditCache;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.Set;

/** A clone of a template that tests borrow one at a time, with the connection refcheck keeps on it. */
final class PooledDatabase {

    private static final int LOCK_TIMEOUT_SECONDS = 5;
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Cluster cluster;
    private final Template template;
    private final String name;
    private Connection own;
    private Connection transactional;
    /** relid -> change counters at the end of the last clean-up (CLEAN) */
    private Map<Long, String> counters;
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

    /**
     * Puts the tables changed since the last call back to the template's state (CLEAN). Which tables changed
     * is read from the statistics counters, which every refcheck connection flushes before it closes.
     */
    Set<Long> clean(boolean otherSessionsPossible) throws SQLException {
        Connection connection = own();
        Map<Long, String> now = readCounters(connection);
        Set<Long> touched = touched(now, otherSessionsPossible);
        if (touched == null) {
            touched = new TreeSet<>(template.baseline().tableOids());
        }
        List<String> restore = template.baseline().restore(touched);
        if (!restore.isEmpty()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                if (cluster.superuser()) {
                    // the schema's own rows go back as they were, even those a NOT VALID FK never checked,
                    // and the user's triggers do not fire for refcheck's clean-up
                    statement.execute("SET LOCAL session_replication_role = replica");
                }
                // a connection the test opened itself and left open can hold row locks: fail, do not wait forever
                statement.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT_SECONDS + "s'");
                for (String sql : restore) {
                    statement.execute(sql);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw new IllegalStateException("refcheck could not put database " + name + " back for the next"
                            + " test: after " + LOCK_TIMEOUT_SECONDS + " s another connection still held locks on its"
                            + " rows (" + e.getMessage() + "). A connection opened from the test database's URL was"
                            + " probably left open; close every connection you open before the test ends."
                            + " The next test gets another database.", e);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            flushCounters(connection);
            now = readCounters(connection);
        }
        counters = now;
        return touched;
    }

    /** The tables whose counters moved since the last clean-up (CLEAN), or null when that cannot be known. */
    Set<Long> touched(boolean otherSessionsPossible) throws SQLException {
        return touched(readCounters(own()), otherSessionsPossible);
    }

    private Set<Long> touched(Map<Long, String> now, boolean otherSessionsPossible) {
        if (counters == null || otherSessionsPossible || !cluster.countersFlushable()) {
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

    /** Starts counting changes from now (the first CLEAN test on this database). */
    void startCounting() throws SQLException {
        if (counters == null) {
            counters = readCounters(own());
        }
    }

    /**
     * Other backends on this database whose statistics may not be flushed yet. refcheck's own connections
     * flush before they close, so a backend of theirs that is still exiting does not count.
     */
    int otherSessions() throws SQLException {
        try (Statement statement = own().createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                     + " AND application_name IS DISTINCT FROM '" + PostgresServer.APPLICATION_NAME + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private Map<Long, String> readCounters(Connection connection) throws SQLException {
        Map<Long, String> values = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT relid, concat_ws(',', n_tup_ins, n_tup_upd, n_tup_del,"
                     + " n_live_tup) FROM pg_stat_user_tables WHERE schemaname <> '" + Baseline.SCHEMA + "'")) {
            while (rows.next()) {
                values.put(rows.getLong(1), rows.getString(2));
            }
        }
        return values;
    }

    static void flushCounters(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_force_next_flush()");
        }
    }

    void closeConnections() {
        try {
            if (own != null) {
                own.close();
            }
            if (transactional != null) {
                transactional.close();
            }
        } catch (SQLException ignored) {
            // the database goes away with the server
        }
        own = null;
        transactional = null;
    }
}
