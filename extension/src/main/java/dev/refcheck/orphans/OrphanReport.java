package dev.refcheck.orphans;

import java.util.List;
import java.util.Optional;

/** What an audit found: per FK with orphans, how many, the first keys, and the SQL to find and delete them. */
public final class OrphanReport {

    private final List<Orphans> orphans;
    private final int audited;

    OrphanReport(List<Orphans> orphans, int audited) {
        this.orphans = List.copyOf(orphans);
        this.audited = audited;
    }

    /** The FKs that have orphans, in catalog order then logical FKs. */
    public List<Orphans> orphans() {
        return orphans;
    }

    /** How many FKs the audit looked at. */
    public int audited() {
        return audited;
    }

    public boolean isEmpty() {
        return orphans.isEmpty();
    }

    /** All orphan rows, old and new. */
    public long count() {
        return orphans.stream().mapToLong(Orphans::count).sum();
    }

    /** The FK named {@code name} (constraint name, or a logical FK's name), if it has orphans. */
    public Optional<Orphans> of(String name) {
        return orphans.stream().filter(o -> o.foreignKey().name().equals(name)).findFirst();
    }

    /** The FKs that fail a test: those with new orphans, or (strict) with any. */
    public List<Orphans> failing(boolean strict) {
        return orphans.stream().filter(o -> strict ? o.count() > 0 : o.newOrphans() > 0).toList();
    }

    /** One block per FK with orphans; empty when there are none. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (Orphans o : orphans) {
            text.append(text.length() == 0 ? "" : "\n").append("  ").append(o.describe());
        }
        return text.toString();
    }

    /**
     * Throws an {@link OrphanAssertionError} naming {@code what} (a test, a database) when some FK has new orphans,
     * or any orphans when {@code strict}.
     */
    public void assertNoOrphans(String what, boolean strict) {
        List<Orphans> failing = failing(strict);
        if (!failing.isEmpty()) {
            throw new OrphanAssertionError(message(what, failing, strict, null), this);
        }
    }

    /** The failure text: a headline, the report, and what to do. */
    String message(String what, List<Orphans> failing, boolean strict, String deferredViolation) {
        StringBuilder text = new StringBuilder();
        if (deferredViolation != null) {
            text.append(what).append(" would fail at COMMIT: a deferred constraint is violated, which the rollback"
                    + " at the end of the test would otherwise hide.\n  ").append(deferredViolation).append('\n');
        }
        if (!failing.isEmpty()) {
            long rows = failing.stream().mapToLong(o -> strict ? o.count() : o.newOrphans()).sum();
            text.append(what).append(" left ").append(rows).append(rows == 1 ? " orphan row" : " orphan rows")
                    .append(" in ").append(failing.size()).append(failing.size() == 1 ? " foreign key" : " foreign keys")
                    .append(" (rows whose referencing columns match no referenced row):\n");
            for (Orphans o : failing) {
                text.append("  ").append(o.describe()).append('\n');
            }
        }
        if (failing.isEmpty()) {
            return text.append("Make the rows valid before the test ends: a real COMMIT raises this error.").toString();
        }
        text.append("Insert the missing referenced rows or delete the orphans (statements above)");
        if (!strict && orphans.stream().anyMatch(o -> o.preExisting() > 0)) {
            text.append("; orphans that were there before the test do not fail it");
        }
        return text.append('.').toString();
    }

    @Override
    public String toString() {
        return "OrphanReport[" + count() + " orphans in " + orphans.size() + " of " + audited + " FKs]";
    }
}
