package dev.refcheck.orphans;

import dev.refcheck.schema.TableRef;
import java.util.Collection;
import java.util.Set;

/**
 * What a test changed, as far as orphans go. A FK can only gain an orphan when a referencing row is written
 * (inserted, or updated) or a referenced row goes away (deleted, or its key updated): a FK is audited when its
 * referencing table is in {@code written} or its referenced table is in {@code removed}.
 *
 * @param written tables with inserted or updated rows
 * @param removed tables with deleted or updated rows
 */
public record Touched(Set<TableRef> written, Set<TableRef> removed) {

    public Touched {
        written = Set.copyOf(written);
        removed = Set.copyOf(removed);
    }

    /** Tables changed in any way: every FK to or from them is audited. */
    public static Touched anyOf(Collection<TableRef> tables) {
        return new Touched(Set.copyOf(tables), Set.copyOf(tables));
    }

    public boolean isEmpty() {
        return written.isEmpty() && removed.isEmpty();
    }
}
