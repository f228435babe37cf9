package dev.refcheck.orphans;

import dev.refcheck.internal.Sql;
import dev.refcheck.schema.ForeignKey;
import dev.refcheck.schema.MatchType;
import dev.refcheck.schema.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL that finds one FK's orphans. The text depends only on the FK, so the same FK always sends the same
 * statement and the driver's and server's prepared plans are reused from one audit to the next.
 */
final class OrphanCheck {

    /** How many keys a report shows per constraint. */
    static final int SHOWN_KEYS = 10;

    /**
     * Rows written by the current transaction or its subtransactions (pgjdbc's autosave), which hold newer xids
     * than the transaction's own; age() keeps the comparison right across xid wraparound. The bound is a
     * subquery so it is worked out once, not per row.
     */
    private static final String WRITTEN_NOW =
            "age(c.xmin) <= (SELECT age((txid_current() % 4294967296)::text::xid))";

    private final ForeignKey foreignKey;
    private final boolean logical;
    private final String condition;
    private final String writtenNowCondition;
    private final String orderBy;
    private final String key;

    OrphanCheck(ForeignKey foreignKey, boolean logical) {
        this.foreignKey = foreignKey;
        this.logical = logical;
        List<String> child = foreignKey.childColumns().stream().map(c -> "c." + Sql.quote(c)).toList();
        this.condition = condition(foreignKey, child, false);
        this.writtenNowCondition = WRITTEN_NOW + " AND " + condition(foreignKey, child, true);
        this.orderBy = String.join(", ", child);
        this.key = "ROW(" + orderBy + ")::text";
    }

    /**
     * Rows whose key columns are set and match no parent row. MATCH SIMPLE: any null column exempts the row.
     * MATCH FULL: all null exempts it, some null and some not is a violation by itself.
     */
    private static String condition(ForeignKey fk, List<String> child, boolean perRow) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < child.size(); i++) {
            pairs.add("p." + Sql.quote(fk.parentColumns().get(i)) + " = " + child.get(i));
        }
        String parent = "SELECT 1 FROM " + fk.parent().sql() + " AS p WHERE " + String.join(" AND ", pairs);
        // per row: a subplan probing the parent's key for each row the filter lets through, where NOT EXISTS
        // would become an anti-join that hashes the whole parent table for a handful of rows
        String missing = perRow ? "(" + parent + " LIMIT 1) IS NULL" : "NOT EXISTS (" + parent + ")";
        if (fk.match() == MatchType.FULL && child.size() > 1) {
            return "(" + child.stream().map(c -> c + " IS NOT NULL").collect(Collectors.joining(" OR ")) + ") AND ("
                    + child.stream().map(c -> c + " IS NULL").collect(Collectors.joining(" OR ")) + " OR " + missing
                    + ")";
        }
        return child.stream().map(c -> c + " IS NOT NULL AND ").collect(Collectors.joining()) + missing;
    }

    ForeignKey foreignKey() {
        return foreignKey;
    }

    boolean logical() {
        return logical;
    }

    /** Identifies the check across audits and snapshots. */
    String id() {
        return foreignKey.child() + "/" + foreignKey.name();
    }

    boolean concerns(Touched touched) {
        return touched.written().contains(foreignKey.child()) || touched.removed().contains(foreignKey.parent());
    }

    /** Whether the test can have made orphans among rows it did not write: it removed referenced rows. */
    boolean concernsOldRows(Touched touched) {
        return touched.removed().contains(foreignKey.parent());
    }

    /** One row: the number of orphans and the first keys, in key order. */
    String auditSql() {
        return countSql(condition);
    }

    /** As {@link #auditSql}, over the rows the current transaction wrote. */
    String writtenNowAuditSql() {
        return countSql(writtenNowCondition);
    }

    private String countSql(String where) {
        return "SELECT count(*), (array_agg(" + key + " ORDER BY " + orderBy + "))[1:" + SHOWN_KEYS + "] FROM "
                + from() + " WHERE " + where;
    }

    /** One row: every orphan key, for telling the test's orphans from those that were there before. */
    String keysSql() {
        return "SELECT array_agg(" + key + " ORDER BY " + orderBy + ") FROM " + from() + " WHERE " + condition;
    }

    /** What a user runs to see the orphan rows. */
    String findSql() {
        return "SELECT c.* FROM " + from() + " WHERE " + condition + " ORDER BY " + orderBy;
    }

    /** What a user runs to delete them. */
    String cleanupSql() {
        return "DELETE FROM " + from() + " WHERE " + condition;
    }

    private String from() {
        // not ONLY: a partitioned table holds its rows in its partitions
        return foreignKey.child().sql() + " AS c";
    }
}
