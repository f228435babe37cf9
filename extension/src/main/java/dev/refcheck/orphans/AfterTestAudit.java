package dev.refcheck.orphans;

import dev.refcheck.schema.ForeignKeyCatalog;
import dev.refcheck.schema.TableRef;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit that ends a test, before its changes are undone. It knows nothing of JUnit: the session calls it
 * with the test's connection and what it knows about the tables the test touched. Orphans the test made fail it
 * with an {@link OrphanAssertionError}; a database problem stays an {@link SQLException}.
 */
public final class AfterTestAudit {

    private static final Logger LOG = LoggerFactory.getLogger("dev.refcheck");

    /**
     * Tables changed in the current transaction, partitions mapped to their partitioned ancestors too. It calls the
     * counter functions on pg_class itself: the pg_stat_xact_all_tables view also sums index counters, which costs
     * milliseconds on a large schema.
     */
    private static final String TOUCHED_IN_TRANSACTION = """
            WITH t AS MATERIALIZED (
              SELECT oid AS relid, relispartition,
                     pg_stat_get_xact_tuples_inserted(oid) + pg_stat_get_xact_tuples_updated(oid) > 0 AS written,
                     pg_stat_get_xact_tuples_updated(oid) + pg_stat_get_xact_tuples_deleted(oid) > 0 AS removed
              FROM pg_class
              WHERE relkind = 'r' AND pg_stat_get_xact_tuples_inserted(oid) + pg_stat_get_xact_tuples_updated(oid)
                                      + pg_stat_get_xact_tuples_deleted(oid) > 0)
            SELECT n.nspname, c.relname, bool_or(x.written), bool_or(x.removed)
            FROM (SELECT relid, written, removed FROM t
                  UNION ALL SELECT a.relid, t.written, t.removed
                  FROM t, pg_partition_ancestors(t.relid) a WHERE t.relispartition) x
            JOIN pg_class c ON c.oid = x.relid JOIN pg_namespace n ON n.oid = c.relnamespace
            GROUP BY n.nspname, c.relname""";

    private static final String FIRE_DEFERRED = "SET CONSTRAINTS ALL IMMEDIATE";

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
        try {
            before = cache != null ? cache.snapshot(connection, policy.logical())
                    : OrphanDetector.of(ForeignKeyCatalog.read(connection), policy.logical()).snapshot(connection);
        } catch (SQLException e) {
            throw explained(e);
        }
    }

    /**
     * TRANSACTION, before the rollback: makes deferred constraints fire as a commit would, then audits the FKs of
     * the tables the transaction touched ({@code pg_stat_xact_*}: exact, same transaction), reading only the rows
     * it wrote where no referenced row went ({@link OrphanDetector#auditWrittenNow}). {@code committed} is
     * a connection outside the transaction, which still sees the orphans that were there before; it is
     * only asked for when orphans are found.
     */
    public void afterTransaction(Connection transaction, OrphanDetector.ConnectionSource committed, AuditCache cache)
            throws SQLException {
        if (!policy.enabled()) {
            return;
        }
        String deferred = null;
        Set<TableRef> written = new TreeSet<>();
        Set<TableRef> removed = new TreeSet<>();
        boolean catalogChanged;
        // the usual case in one round trip: deferred constraints hold, then the touched tables
        try (PreparedStatement statement = prepared(transaction, FIRE_DEFERRED + ";\n" + TOUCHED_IN_TRANSACTION)) {
            statement.execute();
            statement.getMoreResults();
            catalogChanged = readTouched(statement.getResultSet(), written, removed);
        } catch (SQLException e) {
            deferred = violation(e);
            try (PreparedStatement statement = prepared(transaction, TOUCHED_IN_TRANSACTION)) {
                catalogChanged = readTouched(statement.executeQuery(), written, removed);
            }
        }
        OrphanReport report;
        Touched touched = new Touched(written, removed);
        if (touched.isEmpty() && !policy.full()) {
            report = new OrphanReport(List.of(), 0);
        } else {
            try {
                OrphanDetector detector = cache.detector(transaction, catalogChanged, policy.logical());
                // strict fails on old orphans too, so it must look at every row
                report = policy.full() ? detector.audit(transaction, (Touched) null, committed)
                        : policy.strict() ? detector.audit(transaction, touched, committed)
                        : detector.auditWrittenNow(transaction, touched, committed);
            } catch (SQLException e) {
                throw explained(e);
            }
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
        OrphanReport report;
        try {
            report = OrphanDetector.of(catalog, policy.logical()).audit(connection, touched, before);
        } catch (SQLException e) {
            throw explained(e);
        }
        fail(report, null);
    }

    private void fail(OrphanReport report, String deferred) {
        List<Orphans> failing = report.failing(policy.strict());
        if (deferred != null || !failing.isEmpty()) {
            throw new OrphanAssertionError(report.message(label, failing, policy.strict(), deferred), report);
        }
        if (!report.isEmpty()) {
            // orphans the test did not make: worth knowing, not worth failing it (unless strict)
            LOG.info("refcheck: {} passed the orphan audit, but these orphans were already there before it:\n{}",
                    label, report.describe());
        }
    }

    /** A logical FK naming a table or column the database lacks fails every statement: say which to look at. */
    private SQLException explained(SQLException e) {
        boolean undefined = "42P01".equals(e.getSQLState()) || "42703".equals(e.getSQLState());
        if (!undefined || policy.logical().isEmpty()) {
            return e;
        }
        return new SQLException(e.getMessage().strip() + "\n  Check the logical FKs declared for " + label + " ("
                + policy.logical().stream().map(LogicalForeignKey::toString).collect(Collectors.joining("; "))
                + "): each must name tables and columns of the test's database.", e.getSQLState(), e);
    }

    /** The violation a COMMIT would raise. Other errors are not the test's fault: they propagate. */
    private static String violation(SQLException e) throws SQLException {
        if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
            return FIRE_DEFERRED + " raised SQLSTATE " + e.getSQLState() + ": " + e.getMessage().replace("\n", "\n  ");
        }
        throw e;
    }

    /** Adds the touched tables; true when the FK catalog or an RI trigger changed in the transaction. */
    private static boolean readTouched(ResultSet rows, Set<TableRef> written, Set<TableRef> removed)
            throws SQLException {
        boolean catalogChanged = false;
        try (rows) {
            while (rows.next()) {
                TableRef table = new TableRef(rows.getString(1), rows.getString(2));
                if (rows.getBoolean(3)) {
                    written.add(table);
                }
                if (rows.getBoolean(4)) {
                    removed.add(table);
                }
                catalogChanged |= table.schema().equals("pg_catalog")
                        && (table.name().equals("pg_constraint") || table.name().equals("pg_trigger"));
            }
        }
        return catalogChanged;
    }

    /** Kept prepared by the driver from the first use, so the next test's audit is not planned again. */
    private static PreparedStatement prepared(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(1);
        }
        return statement;
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
