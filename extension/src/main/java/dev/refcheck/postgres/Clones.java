package dev.refcheck.postgres;

import dev.refcheck.internal.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clones of a template made off the tests' path, since a CREATE DATABASE ... TEMPLATE costs 50-150 ms on a
 * plain disk: spares, made in the background while FRESH tests run, for the next FRESH tests; and, on a kept
 * data directory, clones at the template's state that the previous run left for this one.
 *
 * <p>A kept clone is named {@code <template>_k...} only when a run ends cleanly, after its sequences were put
 * back; the next run renames the ones it finds to names of its own at once, so a clone a test may have
 * changed never carries a kept name. A run that dies leaves a data directory that is not reused at all.
 */
final class Clones {

    private static final Logger LOG = LoggerFactory.getLogger("dev.refcheck");

    /**
     * Clones kept per template for the next run: the first test takes one; more would help parallel suites only,
     * and each is another 7.5 MB or more in a cache nothing prunes yet.
     */
    static final int KEPT_PER_TEMPLATE = 1;
    /**
     * Spares made ahead per template. One hides the CREATE of every test that runs longer than a CREATE; a
     * second one made side by side was slower here (2 cores shared with the tests: CREATE DATABASE mostly
     * computes), 29-118 ms per short test against 28-75 ms with one, and its p90 twice as high.
     */
    static final int SPARES_PER_TEMPLATE = 1;

    private final Cluster cluster;
    /** template name -> the next FRESH databases, made or being made; guarded by {@code this} */
    private final Map<String, Deque<CompletableFuture<String>>> spares = new HashMap<>();
    /** template name -> clones kept by an earlier run, now named for this run and not used yet */
    private final Map<String, Deque<String>> kept = new ConcurrentHashMap<>();
    private final ExecutorService maker = Executors.newFixedThreadPool(SPARES_PER_TEMPLATE, runnable -> {
        Thread thread = new Thread(runnable, "refcheck-spare");
        thread.setDaemon(true);
        return thread;
    });
    /** The makers' own connections: a spare's CREATE must not hold up a test's own CREATE or DROP. */
    private final Deque<Connection> connections = new ConcurrentLinkedDeque<>();
    private volatile boolean stopping;

    Clones(Cluster cluster) {
        this.cluster = cluster;
    }

    /** A database for one FRESH test: a kept clone or the spare when there is one, else made now. */
    String fresh(Template template) {
        String name = kept(template);
        if (name == null) {
            name = spare(template);
        }
        if (name == null) {
            name = cluster.newDatabase(template);
        }
        startSpares(template);
        return name;
    }

    /** A clone an earlier run kept, or null. */
    String kept(Template template) {
        Deque<String> names = kept.get(template.name());
        return names == null ? null : names.pollFirst();
    }

    /** A spare, a made one first, else waiting for one being made; null if there is none or making it failed. */
    private String spare(Template template) {
        CompletableFuture<String> spare;
        synchronized (this) {
            Deque<CompletableFuture<String>> queue = spares.get(template.name());
            if (queue == null || queue.isEmpty()) {
                return null;
            }
            spare = queue.stream().filter(CompletableFuture::isDone).findFirst().orElse(queue.peekFirst());
            queue.remove(spare);
        }
        try {
            return spare.join();
        } catch (CompletionException | CancellationException e) {
            // made now instead, so that the test gets the error of its own CREATE if there is one
            LOG.debug("refcheck: no spare clone of {}: {}", template.name(), e.getMessage());
            return null;
        }
    }

    private synchronized void startSpares(Template template) {
        Deque<CompletableFuture<String>> queue = spares.computeIfAbsent(template.name(), k -> new ArrayDeque<>());
        while (!stopping && queue.size() < SPARES_PER_TEMPLATE) {
            CompletableFuture<String> spare = new CompletableFuture<>();
            try {
                maker.execute(() -> make(template, spare));
            } catch (RejectedExecutionException e) {
                return; // closing
            }
            queue.addLast(spare);
        }
    }

    private void make(Template template, CompletableFuture<String> spare) {
        if (stopping) {
            spare.cancel(false);
            return;
        }
        String name = cluster.nextCloneName();
        Connection connection = connections.pollFirst();
        try {
            if (connection == null || connection.isClosed()) {
                connection = cluster.server().connect(cluster.server().maintenanceDatabase());
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(Cluster.createSql(name, template));
            }
            connections.addFirst(connection);
            cluster.madeDatabase(name);
            warmUp(name);
            spare.complete(name);
        } catch (SQLException | RuntimeException e) {
            close(connection);
            spare.completeExceptionally(e);
        }
    }

    /** The first backend on a new database builds its relation-cache file (measured: +4.5 ms): not the test's. */
    private void warmUp(String database) {
        try {
            cluster.server().connect(database).close();
        } catch (SQLException e) {
            LOG.debug("refcheck: could not connect to the spare {}: {}", database, e.getMessage());
        }
    }

    /** Stops making spares, waiting for one being made; the spares never taken stay as they are (pristine). */
    void stop() {
        stopping = true;
        maker.shutdown();
        try {
            if (!maker.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("refcheck: a spare database was still being made after 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection connection = connections.pollFirst(); connection != null; connection = connections.pollFirst()) {
            close(connection);
        }
    }

    private static void close(Connection connection) {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // gone already
        }
    }

    /**
     * Takes over what an earlier run kept for {@code template} in the data directory: renamed to this run's
     * names in one round trip, so that a clone this run changes is never found under a kept name again.
     */
    void claim(Template template) {
        String prefix = keptPrefix(template);
        List<String> found = cluster.databasesStartingWith(prefix);
        if (found.isEmpty()) {
            return;
        }
        Map<String, String> renames = new LinkedHashMap<>();
        found.forEach(name -> renames.put(name, cluster.nextCloneName()));
        StringBuilder sql = new StringBuilder();
        renames.forEach((from, to) -> sql.append("ALTER DATABASE ").append(Sql.quote(from)).append(" RENAME TO ")
                .append(Sql.quote(to)).append(";\n"));
        try {
            cluster.execute(sql.toString());
        } catch (RuntimeException e) {
            // the renames ran as one transaction: nothing was claimed, and the kept clones stay for a later run
            LOG.warn("refcheck: could not take over the clones kept from an earlier run: {}", e.getMessage());
            return;
        }
        renames.values().forEach(cluster::madeDatabase);
        kept.computeIfAbsent(template.name(), k -> new ConcurrentLinkedDeque<>()).addAll(renames.values());
        LOG.debug("refcheck: {} clone(s) of {} kept from an earlier run", found.size(), template.name());
    }

    private static String keptPrefix(Template template) {
        return template.name() + "_k";
    }

    /**
     * At the end of a run on a kept data directory: keeps up to {@link #KEPT_PER_TEMPLATE} clones per template
     * at the template's state for the next run. Untouched ones first (claimed and not used, spares), then the
     * pooled ones, which tests gave back restored (CLEAN) or rolled back (TRANSACTION) but whose sequences may
     * have moved: those are set back to the template's. A clone that cannot be kept is left to be dropped.
     */
    synchronized void keep(List<PooledDatabase> pooled) {
        Map<String, List<String>> untouched = new LinkedHashMap<>();
        kept.forEach((template, names) -> untouched.computeIfAbsent(template, k -> new ArrayList<>()).addAll(names));
        spares.forEach((template, queue) -> queue.forEach(spare -> {
            if (spare.isDone() && !spare.isCompletedExceptionally()) {
                untouched.computeIfAbsent(template, k -> new ArrayList<>()).add(spare.join());
            }
        }));
        kept.clear();
        spares.clear();
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        untouched.forEach((template, names) -> names.forEach(name -> {
            if (counts.merge(template, 1, Integer::sum) <= KEPT_PER_TEMPLATE) {
                keepAs(template, name);
            }
        }));
        Map<String, String> sequenceResets = new ConcurrentHashMap<>();
        for (PooledDatabase database : pooled) {
            String template = database.template().name();
            if (database.template().existing() || counts.merge(template, 1, Integer::sum) > KEPT_PER_TEMPLATE) {
                continue;
            }
            try {
                String resets = sequenceResets.computeIfAbsent(template, this::sequenceResets);
                if (!resets.isEmpty()) {
                    try (Statement statement = database.own().createStatement()) {
                        statement.execute(resets);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warn("refcheck: database {} is not kept for the next run: {}", database.name(), e.getMessage());
                continue;
            }
            database.closeConnections();
            keepAs(template, database.name());
        }
    }

    private void keepAs(String template, String name) {
        String keptName = template + "_k" + cluster.nextCloneName().substring("refcheck_".length());
        try {
            cluster.awaitNoBackends(name);
            cluster.execute("ALTER DATABASE " + Sql.quote(name) + " RENAME TO " + Sql.quote(keptName));
            cluster.keptDatabase(name);
        } catch (RuntimeException e) {
            LOG.warn("refcheck: database {} is not kept for the next run: {}", name, e.getMessage());
        }
    }

    /**
     * One statement that sets every sequence back to where it stands in the template (a rolled-back nextval
     * is not undone), read from the template in one round trip; empty when the schema has no sequence.
     */
    private String sequenceResets(String template) {
        try (Connection connection = cluster.server().connect(template);
             Statement statement = connection.createStatement()) {
            List<String> sequences = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT n.nspname, c.relname FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S'"
                    + " ORDER BY n.nspname, c.relname")) {
                while (rows.next()) {
                    sequences.add(Sql.qualified(rows.getString(1), rows.getString(2)));
                }
            }
            if (sequences.isEmpty()) {
                return "";
            }
            List<String> reads = sequences.stream().map(s -> "SELECT " + Sql.literal(s) + ", last_value, is_called"
                    + " FROM " + s).toList();
            List<String> setvals = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(String.join(" UNION ALL ", reads))) {
                while (rows.next()) {
                    setvals.add("setval(" + Sql.literal(rows.getString(1)) + "::regclass, " + rows.getLong(2) + ", "
                            + rows.getBoolean(3) + ")");
                }
            }
            return "SELECT " + String.join(", ", setvals);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the sequences of template " + template + ": "
                    + e.getMessage(), e);
        }
    }
}
