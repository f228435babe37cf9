package dev.refcheck.postgres;

import dev.refcheck.orphans.AfterTestAudit;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * CLEAN: the test commits for real; afterwards the tables it touched are put back as the schema left them.
 * Connections are physical ones kept by the pooled database across tests: closing a handle ends its
 * transaction (as closing a real connection would) and keeps the backend for the next getConnection().
 */
final class CleanSession extends Session {

    private final PooledDatabase pooled;
    /** every physical connection this test used, and those free for its next getConnection() */
    private final List<Connection> used = new ArrayList<>();
    private final Deque<Connection> free = new ArrayDeque<>();
    private boolean released;
    private Set<Long> touched;

    CleanSession(PooledDatabase pooled, String label) throws SQLException {
        super(pooled.cluster(), pooled.name(), Isolation.CLEAN, label);
        this.pooled = pooled;
        pooled.startCounting();
    }

    @Override
    synchronized Connection open() throws SQLException {
        Connection physical = free.pollFirst();
        if (physical == null) {
            physical = pooled.borrow();
            used.add(physical);
        }
        return ConnectionHandles.wrap(physical, this::intercept);
    }

    private Object intercept(Connection target, Method method, Object[] args) throws SQLException {
        if (!method.getName().equals("close")) {
            return null;
        }
        closingWith(target);
        if (target.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE) {
            try (Statement statement = target.createStatement()) {
                statement.execute("ROLLBACK"); // what closing a real connection does to an open transaction
            }
        }
        target.setAutoCommit(true);
        synchronized (this) {
            free.addFirst(target);
        }
        return ConnectionHandles.NONE;
    }

    /** The tables the test changed (null: unknown, treat all as changed), read once per test. */
    private Set<Long> touched() throws SQLException {
        if (!released) {
            released = true;
            used.forEach(pooled::release); // flushes their statistics first
            touched = pooled.touched();
        }
        return touched;
    }

    /** Every CLEAN test starts from the template's state, so its orphans are looked up once per database. */
    @Override
    void snapshotOrphans(AfterTestAudit audit) throws SQLException {
        audit.snapshotBefore(pooled.own(), pooled.auditCache);
    }

    @Override
    void audit(AfterTestAudit audit) throws SQLException {
        audit.afterCommitted(pooled.own(), touched());
    }

    @Override
    void end() throws SQLException {
        try {
            pooled.clean(touched());
            pooled.cluster().giveBack(pooled, Isolation.CLEAN);
        } catch (SQLException | RuntimeException e) {
            // not put back: the database is not reused
            pooled.closeConnections();
            throw e;
        }
    }
}
