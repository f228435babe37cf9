package dev.refcheck.orphans;

import dev.refcheck.schema.ForeignKeyCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the audit may keep about one database from test to test: its FK catalog (reread when a test changed
 * pg_constraint or pg_trigger) and, for databases that every test starts from the same state, the orphans of
 * that state per set of logical FKs.
 */
public final class AuditCache {

    private ForeignKeyCatalog catalog;
    private final Map<List<LogicalForeignKey>, OrphanSnapshot> snapshots = new HashMap<>();
    private final Map<List<LogicalForeignKey>, OrphanDetector> detectors = new HashMap<>();

    /** A detector for the cached catalog, built once per set of logical FKs (300 FKs' SQL is not free to build). */
    synchronized OrphanDetector detector(Connection connection, boolean changed, List<LogicalForeignKey> logical)
            throws SQLException {
        if (changed) {
            return OrphanDetector.of(catalog(connection, true), logical);
        }
        ForeignKeyCatalog current = catalog(connection, false);
        return detectors.computeIfAbsent(logical, k -> OrphanDetector.of(current, k));
    }

    synchronized ForeignKeyCatalog catalog(Connection connection, boolean changed) throws SQLException {
        if (changed) {
            // the change belongs to the test and goes away with it: do not keep it
            return ForeignKeyCatalog.read(connection);
        }
        if (catalog == null) {
            catalog = ForeignKeyCatalog.read(connection);
        }
        return catalog;
    }

    synchronized OrphanSnapshot snapshot(Connection connection, List<LogicalForeignKey> logical) throws SQLException {
        OrphanSnapshot snapshot = snapshots.get(logical);
        if (snapshot == null) {
            snapshot = OrphanDetector.of(ForeignKeyCatalog.read(connection), logical).snapshot(connection);
            snapshots.put(logical, snapshot);
        }
        return snapshot;
    }
}
