package dev.refcheck.orphans;

import dev.refcheck.schema.ForeignKeyCatalog;
import dev.refcheck.schema.TableRef;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The audit that ends a test, before its changes are undone. It knows nothing of JUnit: the session calls it
 * with the test's connection and what it knows about the tables the test touched. Orphans the test made fail it
 * with an {@link OrphanAssertionError}; a database problem stays an {@link SQLException}.
 */
public final class AfterTestAudit {

    /** Tables changed in the current transaction, partitions mapped to their partitioned ancestors too. */
    private static final String TOUCHED_IN_TRANSACTION = """
            WITH t AS (SELECT relid FROM pg_stat_xact_all_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0)
            SELECT n.nspname, c.relname
            FROM (SELECT relid FROM t UNION SELECT a.relid FROM t, pg_partition_ancestors(t.relid) a) x
            JOIN pg_class c ON c.oid = x.relid JOIN pg_namespace n ON n.oid = c.relnamespace""";

    private static final String TABLES_OF_OIDS = """
            WITH t AS (SELECT unnest(?::oid[]) AS relid)
            SELECT n.nspname, c.relname
            FROM (SELECT relid FROM t UNION SELECT a.relid FROM t, pg_partition_ancestors(t.relid) a) x
            JOIN pg_class c ON c.oid = x.relid JOIN pg_namespace n ON n.oid = c.relnamespace""";

    private final AuditPolicy policy;
    private final String label;
    private OrphanSnapshot before = OrphanSnapshot.NONE;

    /** {@code label} names the test in messages, e.g. {@code OrderTest.placesAnOrder}. */
    public AfterTestAudit(AuditPolicy policy, String label) {
        this.policy = policy;
        this.label = label;
    }

    public boolean enabled() {
        return policy.enabled();
    }

    /**
     * Before the test: remembers the orphans the database holds, so that they do not count against it. With a
     * cache, the snapshot is taken once (for databases every test starts from in the same state).
     */
    public void snapshotBefore(Connection connection, AuditCache cache) throws SQLException {
        if (!policy.enabled()) {
            return;
        }
        before = cache != null ? cache.snapshot(connection, policy.logical())
                : OrphanDetector.of(ForeignKeyCatalog.read(connection), policy.logical()).snapshot(connection);
    }

    /**
     * TRANSACTION, before the rollback: makes deferred constraints fire as a commit would, then audits the FKs of
     * the tables the transaction touched ({@code pg_stat_xact_*}: exact, same transaction). {@code committed} is
     * a connection outside the transaction, which still sees the orphans that were there before.
     */
    public void afterTransaction(Connection transaction, Connection committed, AuditCache cache) throws SQLException {
        if (!policy.enabled()) {
            return;
        }
        String deferred = fireDeferred(transaction);
        Set<TableRef> touched = new TreeSet<>();
        boolean catalogChanged = false;
        try (Statement statement = transaction.createStatement();
             ResultSet rows = statement.executeQuery(TOUCHED_IN_TRANSACTION)) {
            while (rows.next()) {
                TableRef table = new TableRef(rows.getString(1), rows.getString(2));
                touched.add(table);
                catalogChanged |= table.schema().equals("pg_catalog")
                        && (table.name().equals("pg_constraint") || table.name().equals("pg_trigger"));
            }
        }
        OrphanReport report;
        if (touched.isEmpty() && !policy.full()) {
            report = new OrphanReport(List.of(), 0);
        } else {
            ForeignKeyCatalog catalog = cache.catalog(transaction, catalogChanged);
            report = OrphanDetector.of(catalog, policy.logical()).audit(transaction, policy.full() ? null : touched,
                    committed);
        }
        fail(report, deferred);
    }

    /**
     * CLEAN and FRESH, after the test committed: audits the FKs of {@code touchedOids} (tables whose statistics
     * counters moved), or all FKs when that is null.
     */
    public void afterCommitted(Connection connection, Collection<Long> touchedOids) throws SQLException {
        if (!policy.enabled()) {
            return;
        }
        Set<TableRef> touched = null;
        if (touchedOids != null && !policy.full()) {
            if (touchedOids.isEmpty()) {
                return;
            }
            touched = tablesOf(connection, touchedOids);
        }
        ForeignKeyCatalog catalog = ForeignKeyCatalog.read(connection);
        fail(OrphanDetector.of(catalog, policy.logical()).audit(connection, touched, before), null);
    }

    private void fail(OrphanReport report, String deferred) {
        List<Orphans> failing = report.failing(policy.strict());
        if (deferred != null || !failing.isEmpty()) {
            throw new OrphanAssertionError(report.message(label, failing, policy.strict(), deferred), report);
        }
    }

    /** The violation a COMMIT would raise, or null. Other errors are not the test's fault: they propagate. */
    private static String fireDeferred(Connection transaction) throws SQLException {
        try (Statement statement = transaction.createStatement()) {
            statement.execute("SET CONSTRAINTS ALL IMMEDIATE");
            return null;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return "SET CONSTRAINTS ALL IMMEDIATE raised SQLSTATE " + e.getSQLState() + ": "
                        + e.getMessage().replace("\n", "\n  ");
            }
            throw e;
        }
    }

    private static Set<TableRef> tablesOf(Connection connection, Collection<Long> oids) throws SQLException {
        Set<TableRef> tables = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement(TABLES_OF_OIDS)) {
            Array array = connection.createArrayOf("bigint", oids.toArray());
            statement.setArray(1, array);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tables.add(new TableRef(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return tables;
    }
}
