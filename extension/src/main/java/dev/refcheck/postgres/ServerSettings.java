package dev.refcheck.postgres;

import java.util.LinkedHashMap;
import java.util.Map;

/** Server settings for a throw-away test server: durability off, enough connections for parallel tests. */
final class ServerSettings {

    static final Map<String, String> FAST;

    static {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fsync", "off");
        settings.put("synchronous_commit", "off");
        settings.put("full_page_writes", "off");
        settings.put("max_connections", "300");
        // stats counters tell CLEAN which tables a test touched: no background vacuum to stir them
        settings.put("autovacuum", "off");
        FAST = Map.copyOf(settings);
    }

    private ServerSettings() {
    }
}
