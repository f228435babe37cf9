package dev.refcheck.postgres;

import dev.refcheck.orphans.AfterTestAudit;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TRANSACTION: the whole test is one transaction on one connection, rolled back at the end. pgjdbc's
 * {@code autosave=always} keeps the transaction usable after a failed statement (an expected FK violation).
 */
final class TransactionSession extends Session {

    private static final Logger LOG = LoggerFactory.getLogger("dev.refcheck");
    private static final String INVALID_SAVEPOINT = "3B001";
    private static final String NO_TRANSACTION = "25P01";

    /** Sets the INITIALLY DEFERRED constraints deferred again, in one round trip. */
    private static final String REDEFER = """
            DO $$
            DECLARE names text;
            BEGIN
              SELECT string_agg(format('%I.%I', n.nspname, c.conname), ', ') INTO names
              FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.condeferred;
              IF names IS NOT NULL THEN
                EXECUTE 'SET CONSTRAINTS ' || names || ' DEFERRED';
              END IF;
            END $$""";

    private final PooledDatabase pooled;
    private final Connection connection;
    private Savepoint lastCommit;
    private boolean autoCommit;

    TransactionSession(PooledDatabase pooled, String label) throws SQLException {
        super(pooled.cluster(), pooled.name(), Isolation.TRANSACTION, label);
        this.pooled = pooled;
        this.connection = pooled.transactional();
        this.lastCommit = connection.setSavepoint();
    }

    @Override
    Connection open() {
        return ConnectionHandles.wrap(connection, this::intercept);
    }

    private Object intercept(Connection target, Method method, Object[] args) throws SQLException {
        switch (method.getName()) {
            case "close":
                return ConnectionHandles.NONE;
            case "commit":
                commit();
                return ConnectionHandles.NONE;
            case "rollback":
                if (args == null || args.length == 0) {
                    target.rollback(lastCommit);
                    return ConnectionHandles.NONE;
                }
                return null;
            case "setAutoCommit":
                if ((Boolean) args[0] && !autoCommit) {
                    commit(); // as JDBC says: switching auto-commit on commits
                }
                autoCommit = (Boolean) args[0];
                return ConnectionHandles.NONE;
            case "getAutoCommit":
                return autoCommit;
            default:
                return null;
        }
    }

    /**
     * What a commit would check (deferred constraints), without ending the test's transaction. Like a failed
     * real commit, a failed check undoes the work since the last commit.
     */
    private void commit() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try {
                statement.execute("SET CONSTRAINTS ALL IMMEDIATE");
            } catch (SQLException e) {
                connection.rollback(lastCommit);
                throw e;
            }
            // back to each constraint's declared mode, including constraints the test itself created
            statement.execute(REDEFER);
        }
        connection.releaseSavepoint(lastCommit);
        lastCommit = connection.setSavepoint();
    }

    /** Nothing to snapshot: until the rollback, another connection still sees the database as it was. */
    @Override
    void snapshotOrphans(AfterTestAudit audit) {
    }

    @Override
    void audit(AfterTestAudit audit) throws SQLException {
        audit.afterTransaction(connection, pooled::own, pooled.auditCache);
    }

    @Override
    void end() throws SQLException {
        boolean endedByTest;
        try {
            endedByTest = !savepointSurvived();
            connection.rollback();
        } catch (SQLException e) {
            // a broken connection (server gone, connection killed): the database is not reused
            pooled.closeConnections();
            throw e;
        }
        if (endedByTest) {
            LOG.warn("refcheck: {} ended the test's transaction itself (COMMIT or ROLLBACK as SQL); what it committed"
                    + " stays in database {}, so refcheck drops that database instead of reusing it. Call commit() or"
                    + " rollback() on the connection instead: under TRANSACTION isolation they check and undo within"
                    + " the test's transaction", label(), pooled.name());
            pooled.closeConnections();
            pooled.cluster().dropDatabase(pooled.name());
            return;
        }
        pooled.cluster().giveBack(pooled, Isolation.TRANSACTION);
    }

    /** False when the test's own SQL ended the transaction: the savepoint refcheck set is gone with it. */
    private boolean savepointSurvived() throws SQLException {
        if (connection.unwrap(BaseConnection.class).getTransactionState() == TransactionState.IDLE) {
            return false; // committed or rolled back as the last thing, e.g. through Statement.getConnection()
        }
        try {
            connection.rollback(lastCommit);
            return true;
        } catch (SQLException e) {
            if (INVALID_SAVEPOINT.equals(e.getSQLState()) || NO_TRANSACTION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }
}
