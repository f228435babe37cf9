package dev.refcheck.postgres;

import dev.refcheck.fixtures.Fixture;
import dev.refcheck.fixtures.FixtureLoader;
import dev.refcheck.fixtures.LoadResult;
import dev.refcheck.orphans.AfterTestAudit;
import dev.refcheck.orphans.AuditPolicy;
import dev.refcheck.schema.ForeignKeyCatalog;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.slf4j.LoggerFactory;

/**
 * One test's database, whatever the isolation. Subclasses decide where connections come from and how
 * the test's changes are undone; this class keeps the handles it gave out so none outlives the test.
 */
public abstract class Session implements TestDatabase {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("dev.refcheck");

    final Cluster cluster;
    final String database;
    private final Isolation isolation;
    private final String label;
    private final List<Connection> handles = new ArrayList<>();
    private Connection own;
    private AfterTestAudit orphanAudit;
    private int openTransactions;
    private final DataSource dataSource = new SessionDataSource();

    Session(Cluster cluster, String database, Isolation isolation, String label) {
        this.cluster = cluster;
        this.database = database;
        this.isolation = isolation;
        this.label = label;
    }

    /** Starts a session for one test. {@code classDatabase} is the class's database under FRESH_PER_CLASS. */
    public static Session begin(Cluster cluster, Template template, Isolation isolation, String classDatabase,
                                String label) {
        cluster.requireServer();
        try {
            return switch (isolation) {
                case TRANSACTION -> new TransactionSession(cluster.lease(template, isolation), label);
                case CLEAN -> new CleanSession(cluster.lease(template, isolation), label);
                case FRESH -> new FreshSession(cluster, cluster.freshDatabase(template), true, label);
                case FRESH_PER_CLASS -> new FreshSession(cluster, classDatabase, false, label);
                case INFERRED -> throw new IllegalArgumentException("isolation must be resolved first");
            };
        } catch (SQLException e) {
            if (ServerLostException.isServerLost(e)) {
                throw cluster.lost("preparing a database for " + label, e);
            }
            throw new IllegalStateException("refcheck could not prepare a database for " + label + " on "
                    + cluster.description() + ": " + e.getMessage(), e);
        }
    }

    /** A database for a whole class (FRESH_PER_CLASS), dropped by the returned closeable. */
    public static ClassDatabase classDatabase(Cluster cluster, Template template) {
        return new ClassDatabase(cluster, cluster.createDatabase(template));
    }

    /** The database of a FRESH_PER_CLASS test class. */
    public record ClassDatabase(Cluster cluster, String name) implements AutoCloseable {
        @Override
        public void close() {
            cluster.dropDatabase(name);
        }
    }

    /** Undoes the test's changes and closes what the test left open; first audits them for orphans if asked. */
    public final void finish() throws SQLException {
        try {
            finishOrFail();
        } catch (SQLException e) {
            if (ServerLostException.isServerLost(e)) {
                throw cluster.lost("ending " + label, e);
            }
            throw e;
        }
    }

    private void finishOrFail() throws SQLException {
        int leaked = closeHandles();
        if (leaked > 0) {
            LOG.warn("refcheck: {} left {} connection(s) open; refcheck closed them", label, leaked);
        }
        if (openTransactions > 0) {
            LOG.warn("refcheck: {} closed or left {} connection(s) with a transaction neither committed nor rolled"
                    + " back; its changes were rolled back. Commit (or roll back) before the test ends if the"
                    + " changes were meant to count", label, openTransactions);
        }
        try {
            if (orphanAudit != null && orphanAudit.enabled()) {
                audit(orphanAudit);
            }
        } finally {
            end();
        }
    }

    /** Audits this test for orphans when it finishes; call before the test runs (a snapshot may be taken now). */
    public void auditOrphans(AuditPolicy policy) {
        AfterTestAudit audit = new AfterTestAudit(policy, label);
        if (policy.enabled()) {
            try {
                snapshotOrphans(audit);
            } catch (SQLException e) {
                throw new IllegalStateException("refcheck could not look for orphans in " + database
                        + " before " + label + ": " + e.getMessage(), e);
            }
        }
        orphanAudit = audit;
    }

    /** FRESH: the orphans of this database now, before the test. */
    void snapshotOrphans(AfterTestAudit audit) throws SQLException {
        try (Connection connection = physical(new Properties())) {
            audit.snapshotBefore(connection, null);
        }
    }

    /** FRESH: every FK, after the test's connections are closed. */
    void audit(AfterTestAudit audit) throws SQLException {
        try (Connection connection = physical(new Properties())) {
            audit.afterCommitted(connection, null);
        }
    }

    /** Isolation-specific end of the test, after every handle is closed. */
    abstract void end() throws SQLException;

    /** A new connection (or a handle on the test's transaction). */
    abstract Connection open() throws SQLException;

    /** The test, for messages: {@code Class.method}. */
    String label() {
        return label;
    }

    @Override
    public String name() {
        return database;
    }

    @Override
    public String jdbcUrl() {
        return cluster.server().jdbcUrl(database);
    }

    @Override
    public String user() {
        return cluster.server().user();
    }

    @Override
    public String password() {
        return cluster.server().password();
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public synchronized Connection connection() {
        try {
            if (own == null || own.isClosed()) {
                own = handle();
            }
            return own;
        } catch (SQLException e) {
            throw new IllegalStateException("refcheck could not connect to " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Isolation isolation() {
        return isolation;
    }

    @Override
    public ForeignKeyCatalog catalog() {
        try {
            return ForeignKeyCatalog.read(connection());
        } catch (SQLException e) {
            throw new IllegalStateException("refcheck could not read the FK catalog of " + database + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public LoadResult load(Fixture fixture) {
        return FixtureLoader.load(connection(), fixture);
    }

    @Override
    public String toString() {
        return "TestDatabase[" + database + ", " + isolation + ", " + cluster.description() + "]";
    }

    private synchronized Connection handle() throws SQLException {
        Connection connection = open();
        handles.add(connection);
        return connection;
    }

    /** Closes every handle; returns how many the test had left open, not counting refcheck's own. */
    private synchronized int closeHandles() throws SQLException {
        int leaked = 0;
        SQLException failure = null;
        for (Connection handle : handles) {
            try {
                if (!handle.isClosed()) {
                    if (handle != own) {
                        leaked++;
                    }
                    handle.close();
                }
            } catch (SQLException e) {
                failure = e;
            }
        }
        handles.clear();
        own = null;
        if (failure != null) {
            throw failure;
        }
        return leaked;
    }

    /**
     * Called as a handle closes: a transaction still open there is lost (PostgreSQL rolls it back), which a test
     * that switched auto-commit off rarely means; the test is warned once it ends.
     */
    synchronized void closingWith(Connection target) {
        try {
            if (!target.isClosed() && target.unwrap(BaseConnection.class).getTransactionState()
                    != TransactionState.IDLE) {
                openTransactions++;
            }
        } catch (SQLException e) {
            // a broken connection has no transaction to lose
        }
    }

    /** A real connection to the session's database with refcheck's settings. */
    Connection physical(Properties properties) throws SQLException {
        return cluster.server().connect(database, properties);
    }

    private final class SessionDataSource implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return handle();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException(
                    "refcheck's DataSource connects as the configured user; use getConnection()");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // not used
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // not used
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new SQLException("not a wrapper for " + type.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }

        @Override
        public String toString() {
            return "refcheck DataSource for " + database;
        }
    }
}
