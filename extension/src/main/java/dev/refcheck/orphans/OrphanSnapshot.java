package dev.refcheck.orphans;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which orphans a database held at one moment (before a test), so that an audit after it can tell the test's
 * orphans from those that were already there.
 */
public final class OrphanSnapshot {

    /** No orphans known: every orphan found is the test's. */
    public static final OrphanSnapshot NONE = new OrphanSnapshot(Map.of());

    /** check id -> every orphan key at the time */
    private final Map<String, Set<String>> keys;

    OrphanSnapshot(Map<String, Set<String>> keys) {
        this.keys = Map.copyOf(keys);
    }

    Set<String> keys(OrphanCheck check) {
        return keys.getOrDefault(check.id(), Set.of());
    }

    /** How many orphan rows the snapshot holds, all FKs together. */
    public int size() {
        return keys.values().stream().mapToInt(Set::size).sum();
    }

    /** Orphan keys of the FK named {@code name} (constraint name, or the logical FK's name), in key order. */
    public List<String> keysOf(String name) {
        return keys.entrySet().stream().filter(e -> e.getKey().endsWith("/" + name))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    @Override
    public String toString() {
        return "OrphanSnapshot[" + size() + " orphans in " + keys.size() + " FKs]";
    }
}
