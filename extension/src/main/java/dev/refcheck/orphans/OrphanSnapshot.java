package dev.refcheck.orphans;

import java.util.List;
import java.util.Map;

/**
 * Which orphans a database held at one moment (before a test), so that an audit after it can tell the test's
 * orphans from those that were already there.
 */
public final class OrphanSnapshot {

    /** No orphans known: every orphan found is the test's. */
    public static final OrphanSnapshot NONE = new OrphanSnapshot(Map.of());

    /** check id -> the key of every orphan row at the time, in key order; a key repeats per row */
    private final Map<String, List<String>> keys;

    OrphanSnapshot(Map<String, List<String>> keys) {
        this.keys = Map.copyOf(keys);
    }

    List<String> keys(OrphanCheck check) {
        return keys.getOrDefault(check.id(), List.of());
    }

    /** How many orphan rows the snapshot holds, all FKs together. */
    public int size() {
        return keys.values().stream().mapToInt(List::size).sum();
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
