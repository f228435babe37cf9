package dev.refcheck.orphans;

import dev.refcheck.schema.ForeignKey;
import dev.refcheck.schema.ForeignKeyCatalog;
import dev.refcheck.schema.TableRef;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.postgresql.PGStatement;

/**
 * Finds orphans: rows of a referencing table whose key matches no referenced row, for every FK of a catalog
 * and every logical FK the user declared. All anti-joins of an audit travel in one round trip, and each FK's
 * statement text never changes, so plans prepared by an earlier audit on the same connection are reused.
 *
 * <pre>{@code
 * OrphanDetector detector = OrphanDetector.read(connection, LogicalForeignKey.parse("review(sku) -> product(sku)"));
 * OrphanReport report = detector.audit(connection);
 * if (!report.isEmpty()) System.out.println(report.describe());
 * }</pre>
 */
public final class OrphanDetector {

    private final List<OrphanCheck> checks;

    private OrphanDetector(List<OrphanCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The FKs of {@code catalog} and the logical ones given, in that order. */
    public static OrphanDetector of(ForeignKeyCatalog catalog, Collection<LogicalForeignKey> logical) {
        List<OrphanCheck> checks = new ArrayList<>();
        for (ForeignKey fk : catalog.foreignKeys()) {
            checks.add(new OrphanCheck(fk, false));
        }
        for (LogicalForeignKey fk : logical) {
            checks.add(new OrphanCheck(fk.toForeignKey(), true));
        }
        return new OrphanDetector(checks);
    }

    public static OrphanDetector of(ForeignKeyCatalog catalog) {
        return of(catalog, List.of());
    }

    /** Reads the catalog of the connection's database and adds the logical FKs. */
    public static OrphanDetector read(Connection connection, LogicalForeignKey... logical) throws SQLException {
        return of(ForeignKeyCatalog.read(connection), List.of(logical));
    }

    /** How many FKs (declared and logical) it checks. */
    public int size() {
        return checks.size();
    }

    /** Every FK, whatever was touched; every orphan counts as new. */
    public OrphanReport audit(Connection connection) throws SQLException {
        return audit(connection, null, OrphanSnapshot.NONE);
    }

    /**
     * The FKs whose referencing or referenced table is in {@code touched} ({@code null}: all). Orphans whose key
     * is in {@code before} are reported as pre-existing.
     */
    public OrphanReport audit(Connection connection, Collection<TableRef> touched, OrphanSnapshot before)
            throws SQLException {
        return audit(connection, touched == null ? null : Touched.anyOf(touched), (Before) (c, list) -> before, false);
    }

    /**
     * As {@link #audit(Connection, Collection, OrphanSnapshot)}, where {@code before} is a connection that still
     * sees the database as it was before the test (the test's transaction is not committed). It is only asked
     * when orphans are found.
     */
    public OrphanReport audit(Connection connection, Collection<TableRef> touched, Connection before)
            throws SQLException {
        return audit(connection, touched, () -> before);
    }

    /** A connection opened only when it is needed. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection get() throws SQLException;
    }

    /** As {@link #audit(Connection, Collection, Connection)}, the connection got only when orphans are found. */
    public OrphanReport audit(Connection connection, Collection<TableRef> touched, ConnectionSource before)
            throws SQLException {
        return audit(connection, touched == null ? null : Touched.anyOf(touched), before);
    }

    /** The FKs that {@code touched} can have given orphans ({@code null}: all); every orphan counts as new. */
    public OrphanReport audit(Connection connection, Touched touched) throws SQLException {
        return audit(connection, touched, (Before) (c, list) -> OrphanSnapshot.NONE, false);
    }

    /** As above, auditing only the FKs that {@code touched} can have given orphans ({@code null}: all). */
    public OrphanReport audit(Connection connection, Touched touched, ConnectionSource before) throws SQLException {
        return audit(connection, touched, (Before) (c, list) -> snapshotTolerant(before.get(), list), false);
    }

    /**
     * As {@link #audit(Connection, Touched, ConnectionSource)} at the end of a transaction that wrote
     * {@code touched}: a FK whose referenced table lost no row can only have gained orphans among the rows the
     * transaction wrote, so only those are read (a probe of the parent's key per row instead of an anti-join
     * over the whole table). An FK found with orphans is then read whole, so the report tells the new from the
     * old ones as a full audit does; orphans that were there before are not looked for otherwise.
     */
    public OrphanReport auditWrittenNow(Connection connection, Touched touched, ConnectionSource before)
            throws SQLException {
        return audit(connection, touched, (Before) (c, list) -> snapshotTolerant(before.get(), list), true);
    }

    /** Every orphan key of every FK as the database stands now, in one round trip. */
    public OrphanSnapshot snapshot(Connection connection) throws SQLException {
        return new OrphanSnapshot(allKeys(connection, checks));
    }

    @FunctionalInterface
    private interface Before {
        OrphanSnapshot of(Connection connection, List<OrphanCheck> checks) throws SQLException;
    }

    private OrphanReport audit(Connection connection, Touched touched, Before before, boolean writtenNow)
            throws SQLException {
        List<OrphanCheck> selected = touched == null ? checks
                : checks.stream().filter(check -> check.concerns(touched)).toList();
        if (selected.isEmpty()) {
            return new OrphanReport(List.of(), 0);
        }
        Map<OrphanCheck, Found> found = find(connection, selected, check -> writtenNow && !check.concernsOldRows(touched)
                ? check.writtenNowAuditSql() : check.auditSql());
        if (writtenNow && !found.isEmpty()) {
            found = find(connection, List.copyOf(found.keySet()), OrphanCheck::auditSql);
        }
        if (found.isEmpty()) {
            return new OrphanReport(List.of(), selected.size());
        }
        List<OrphanCheck> withOrphans = List.copyOf(found.keySet());
        OrphanSnapshot earlier = before.of(connection, withOrphans);
        List<OrphanCheck> toCompare = withOrphans.stream().filter(c -> !earlier.keys(c).isEmpty()).toList();
        Map<String, List<String>> now = toCompare.isEmpty() ? Map.of() : allKeys(connection, toCompare);
        List<Orphans> orphans = new ArrayList<>();
        for (OrphanCheck check : withOrphans) {
            Found f = found.get(check);
            long preExisting = 0;
            List<String> keys = f.firstKeys;
            if (!earlier.keys(check).isEmpty()) {
                OrphanSnapshot.Split split = earlier.split(check, now.getOrDefault(check.id(), List.of()));
                preExisting = split.stale().size();
                List<String> shown = new ArrayList<>(split.fresh());
                shown.addAll(split.stale());
                keys = shown.subList(0, Math.min(OrphanCheck.SHOWN_KEYS, shown.size()));
            }
            orphans.add(new Orphans(check.foreignKey(), check.logical(), f.count, preExisting, keys, check.findSql(),
                    check.cleanupSql()));
        }
        return new OrphanReport(orphans, selected.size());
    }

    private record Found(long count, List<String> firstKeys) {
    }

    /** The checks with orphans, each run as {@code sql} says, all in one round trip. */
    private static Map<OrphanCheck, Found> find(Connection connection, List<OrphanCheck> selected,
                                                Function<OrphanCheck, String> sql) throws SQLException {
        Map<OrphanCheck, Found> found = new LinkedHashMap<>();
        try (PreparedStatement statement = prepare(connection, selected, sql)) {
            boolean hasResult = statement.execute();
            for (OrphanCheck check : selected) {
                while (!hasResult) {
                    hasResult = statement.getMoreResults(); // skip update counts, if a driver sends any
                }
                try (ResultSet rows = statement.getResultSet()) {
                    rows.next();
                    long count = rows.getLong(1);
                    if (count > 0) {
                        found.put(check, new Found(count, strings(rows.getArray(2))));
                    }
                }
                hasResult = statement.getMoreResults();
            }
        }
        return found;
    }

    /** Keys per check; a check whose tables the connection cannot see (made by the test) had no orphans. */
    private static OrphanSnapshot snapshotTolerant(Connection connection, List<OrphanCheck> list) throws SQLException {
        try {
            return new OrphanSnapshot(allKeys(connection, list));
        } catch (SQLException e) {
            Map<String, List<String>> keys = new LinkedHashMap<>();
            for (OrphanCheck check : list) {
                try {
                    keys.putAll(allKeys(connection, List.of(check)));
                } catch (SQLException missing) {
                    // the table or column exists only in the test's transaction: nothing was there before
                }
            }
            return new OrphanSnapshot(keys);
        }
    }

    private static Map<String, List<String>> allKeys(Connection connection, List<OrphanCheck> list) throws SQLException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        if (list.isEmpty()) {
            return keys;
        }
        try (PreparedStatement statement = prepare(connection, list, OrphanCheck::keysSql)) {
            boolean hasResult = statement.execute();
            for (OrphanCheck check : list) {
                while (!hasResult) {
                    hasResult = statement.getMoreResults();
                }
                try (ResultSet rows = statement.getResultSet()) {
                    rows.next();
                    List<String> found = strings(rows.getArray(1));
                    if (!found.isEmpty()) {
                        keys.put(check.id(), found);
                    }
                }
                hasResult = statement.getMoreResults();
            }
        }
        return keys;
    }

    /**
     * One statement text for all checks: the driver sends its parts in one round trip and, because the text
     * repeats from audit to audit, keeps them prepared on the server, so the FKs are not planned again.
     */
    private static PreparedStatement prepare(Connection connection, List<OrphanCheck> list,
                                             Function<OrphanCheck, String> sql) throws SQLException {
        StringBuilder text = new StringBuilder();
        for (OrphanCheck check : list) {
            text.append(text.length() == 0 ? "" : ";\n").append(sql.apply(check));
        }
        PreparedStatement statement = connection.prepareStatement(text.toString());
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(1);
        }
        return statement;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    @Override
    public String toString() {
        return "OrphanDetector[" + checks.size() + " FKs]";
    }
}
