package dev.refcheck.graph;

import dev.refcheck.schema.ForeignKey;
import dev.refcheck.schema.TableRef;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A strongly connected component of the FK graph: tables that (directly or not) reference each other, and how
 * the load gets past it.
 *
 * @param tables the tables, in the order their rows are sent
 * @param foreignKeys every FK between two tables of the cycle (self-references included)
 * @param strategy how the cycle is broken
 * @param deferred the FKs set DEFERRED while the cycle loads
 * @param nulled the FKs whose columns are inserted NULL and set by an UPDATE afterwards
 */
public record Cycle(List<TableRef> tables, List<ForeignKey> foreignKeys, CycleStrategy strategy,
                    List<ForeignKey> deferred, List<ForeignKey> nulled) {

    public Cycle {
        tables = List.copyOf(tables);
        foreignKeys = List.copyOf(foreignKeys);
        deferred = List.copyOf(deferred);
        nulled = List.copyOf(nulled);
    }

    /** Whether {@code fk} is an edge of this cycle. */
    public boolean contains(ForeignKey fk) {
        return foreignKeys.contains(fk);
    }

    /** Several lines: the tables, each FK and what happens to it. */
    public String explain() {
        StringBuilder text = new StringBuilder("cycle ").append(tables.stream().map(TableRef::toString)
                .collect(Collectors.joining(" <-> "))).append(": ").append(strategy.description());
        for (ForeignKey fk : foreignKeys) {
            text.append("\n      ").append(fk.describe());
            if (deferred.contains(fk)) {
                text.append("  [deferred]");
            } else if (nulled.contains(fk)) {
                text.append("  [NULL, then UPDATE]");
            } else if (!fk.isSelfReference() && strategy == CycleStrategy.SINGLE_STATEMENT) {
                text.append("  [NOT NULL, not deferrable]");
            }
        }
        return text.toString();
    }
}
