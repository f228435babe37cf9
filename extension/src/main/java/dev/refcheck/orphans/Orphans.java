package dev.refcheck.orphans;

import dev.refcheck.internal.Sql;
import dev.refcheck.schema.ForeignKey;
import dev.refcheck.schema.MatchType;
import java.util.ArrayList;
import java.util.List;

/**
 * The orphans of one FK: rows whose referencing columns point at no referenced row.
 *
 * @param foreignKey the constraint (for a logical FK, a stand-in with oid 0)
 * @param logical whether it was declared by the user rather than by a constraint
 * @param count how many orphan rows there are
 * @param preExisting how many of them were already there before the test
 * @param keys the first ten keys, as {@code (value, ...)}; the test's own orphans first
 * @param findSql the anti-join that lists them
 * @param cleanupSql a DELETE that removes them
 */
public record Orphans(ForeignKey foreignKey, boolean logical, long count, long preExisting, List<String> keys,
                      String findSql, String cleanupSql) {

    public Orphans {
        keys = List.copyOf(keys);
    }

    /** Orphans the test made (all of them when nothing was known before). */
    public long newOrphans() {
        return count - preExisting;
    }

    /** Name, tables and columns, quoted as in SQL. */
    public String constraint() {
        ForeignKey fk = foreignKey;
        return (logical ? fk.name() : "FK " + Sql.quote(fk.name())) + " on " + fk.child().sql() + " ("
                + Sql.columnList(fk.childColumns()) + ") -> " + fk.parent().sql() + " (" + Sql.columnList(fk.parentColumns())
                + ")";
    }

    /** Why orphans could get in: the constraint's state. */
    public String state() {
        List<String> state = new ArrayList<>();
        if (fkHasMatchFull()) {
            state.add("MATCH FULL");
        }
        if (logical) {
            state.add("no constraint");
        } else {
            if (!foreignKey.validated()) {
                state.add("NOT VALID");
            }
            if (!foreignKey.triggersEnabled()) {
                state.add("RI triggers disabled");
            }
            if (foreignKey.initiallyDeferred()) {
                state.add("DEFERRABLE INITIALLY DEFERRED");
            }
        }
        return String.join(", ", state);
    }

    private boolean fkHasMatchFull() {
        return foreignKey.match() == MatchType.FULL && foreignKey.childColumns().size() > 1;
    }

    /** The block a report prints for this constraint. */
    String describe() {
        StringBuilder text = new StringBuilder(constraint());
        String state = state();
        if (!state.isEmpty()) {
            text.append(" [").append(state).append(']');
        }
        text.append("\n    ").append(count).append(count == 1 ? " orphan row" : " orphan rows");
        if (preExisting > 0) {
            text.append(" (").append(newOrphans()).append(" new, ").append(preExisting)
                    .append(" already there before the test)");
        }
        String columns = "(" + Sql.columnList(foreignKey.childColumns()) + ")=";
        text.append("; ").append(count > keys.size() ? "first " + keys.size() + " keys" : "keys").append(": ");
        text.append(String.join(", ", keys.stream().map(k -> columns + k).toList()));
        text.append("\n    find them: ").append(findSql);
        text.append("\n    clean up:  ").append(cleanupSql);
        return text.toString();
    }
}
