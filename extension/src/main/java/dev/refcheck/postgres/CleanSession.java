package dev.refcheck.postgres;

import dev.refcheck.orphans.AfterTestAudit;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** CLEAN: the test commits for real; afterwards the tables it touched are put back as the schema left them. */
final class CleanSession extends Session {

    private final PooledDatabase pooled;

    CleanSession(PooledDatabase pooled, String label) throws SQLException {
        super(pooled.cluster(), pooled.name(), Isolation.CLEAN, label);
        this.pooled = pooled;
        pooled.startCounting();
    }

    @Override
    Connection open() throws SQLException {
        return ConnectionHandles.wrap(physical(new Properties()), this::intercept);
    }

    /** Before a connection closes, its statistics are flushed so the clean-up sees every table it changed. */
    private Object intercept(Connection target, Method method, Object[] args) throws SQLException {
        if (method.getName().equals("close")) {
            closingWith(target);
        }
        if (method.getName().equals("close") && cluster.countersFlushable()) {
            try {
                if (!target.getAutoCommit()) {
                    target.rollback();
                }
                PooledDatabase.flushCounters(target);
            } catch (SQLException e) {
                // a broken connection flushes when its backend exits; the clean-up then treats all tables as touched
            }
        }
        return null;
    }

    /** Every CLEAN test starts from the template's state, so its orphans are looked up once per database. */
    @Override
    void snapshotOrphans(AfterTestAudit audit) throws SQLException {
        audit.snapshotBefore(pooled.own(), pooled.auditCache);
    }

    @Override
    void audit(AfterTestAudit audit) throws SQLException {
        audit.afterCommitted(pooled.own(), pooled.touched(pooled.otherSessions() > 0));
    }

    @Override
    void end() throws SQLException {
        try {
            pooled.clean(pooled.otherSessions() > 0);
            pooled.cluster().giveBack(pooled, Isolation.CLEAN);
        } catch (SQLException | RuntimeException e) {
            // not put back: the database is not reused
            pooled.closeConnections();
            throw e;
        }
    }
}
