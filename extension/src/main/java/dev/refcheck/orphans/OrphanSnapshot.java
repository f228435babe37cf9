package dev.refcheck.orphans;

import java.util.ArrayList;
import java.util.HashMap;
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

    /** The test's orphans and those that were already there. */
    record Split(List<String> fresh, List<String> stale) {
    }

    /**
     * Splits the orphan keys found now into new and old ones. A multiset difference: a second orphan row with
     * the key of an old one is new.
     */
    Split split(OrphanCheck check, List<String> now) {
        Map<String, Integer> remaining = new HashMap<>();
        keys(check).forEach(k -> remaining.merge(k, 1, Integer::sum));
        List<String> fresh = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (String key : now) {
            if (remaining.getOrDefault(key, 0) > 0) {
                remaining.merge(key, -1, Integer::sum);
                stale.add(key);
            } else {
                fresh.add(key);
            }
        }
        return new Split(fresh, stale);
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
