package dev.refcheck.postgres;

import dev.refcheck.orphans.AfterTestAudit;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;

/**
 * TRANSACTION: the whole test is one transaction on one connection, rolled back at the end. pgjdbc's
 * {@code autosave=always} keeps the transaction usable after a failed statement (an expected FK violation).
 */
final class TransactionSession extends Session {

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

    /** What a commit would check (deferred constraints), without ending the test's transaction. */
    private void commit() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET CONSTRAINTS ALL IMMEDIATE");
            List<String> deferred = pooled.template().baseline().initiallyDeferred();
            if (!deferred.isEmpty()) {
                statement.execute("SET CONSTRAINTS " + String.join(", ", deferred) + " DEFERRED");
            }
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
        try {
            connection.rollback();
            pooled.cluster().giveBack(pooled, Isolation.TRANSACTION);
        } catch (SQLException e) {
            // a broken connection (server gone, connection killed): the database is not reused
            pooled.closeConnections();
            throw e;
        }
    }
}
