package dev.refcheck.postgres;

import dev.refcheck.orphans.AfterTestAudit;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** FRESH: a database of its own, cloned from the template; dropped after the test (or the class). */
final class FreshSession extends Session {

    private final boolean dropAtEnd;
    /** The orphan audit's connection, kept from the snapshot before the test to the audit after it. */
    private Connection auditConnection;

    FreshSession(Cluster cluster, String database, boolean dropAtEnd, String label) {
        super(cluster, database, dropAtEnd ? Isolation.FRESH : Isolation.FRESH_PER_CLASS, label);
        this.dropAtEnd = dropAtEnd;
    }

    @Override
    Connection open() throws SQLException {
        return ConnectionHandles.wrap(physical(new Properties()), (target, method, args) -> {
            if (method.getName().equals("close")) {
                closingWith(target);
            }
            return null;
        });
    }

    /** One connection for the snapshot and the audit: a new backend costs about 10 ms here, twice per test. */
    @Override
    void snapshotOrphans(AfterTestAudit audit) throws SQLException {
        auditConnection = physical(new Properties());
        audit.snapshotBefore(auditConnection, null);
    }

    @Override
    void audit(AfterTestAudit audit) throws SQLException {
        if (auditConnection == null || auditConnection.isClosed()) {
            super.audit(audit);
            return;
        }
        audit.afterCommitted(auditConnection, null);
    }

    @Override
    void end() throws SQLException {
        try {
            if (auditConnection != null) {
                auditConnection.close();
            }
        } finally {
            if (dropAtEnd) {
                cluster.dropLater(database);
            }
        }
    }
}
