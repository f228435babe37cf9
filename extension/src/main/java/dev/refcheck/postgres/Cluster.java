package dev.refcheck.postgres;

import dev.refcheck.fixtures.Datasets;
import dev.refcheck.fixtures.FixtureLoader;
import dev.refcheck.internal.Sql;
import dev.refcheck.schema.SchemaSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server and every database refcheck made on it: a template per distinct schema, and pools of
 * clones handed to tests. Shared by all test classes in the JVM; closed when the test plan ends.
 */
public final class Cluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.refcheck");

    private final ServerSpec spec;
    private final PostgresServer server;
    private final String runId = runId();
    private final AtomicInteger counter = new AtomicInteger();
    private final Map<String, CompletableFuture<Template>> templates = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedDeque<PooledDatabase>> pools = new ConcurrentHashMap<>();
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private final int serverVersion;
    private final boolean superuser;
    /** The existing database in which refcheck made its {@value Baseline#SCHEMA} schema, to remove at the end. */
    private volatile String keptRowsIn;
    private final Object maintenanceLock = new Object();
    private Connection maintenance;
    /** Used by the dropper thread only. */
    private Connection dropConnection;
    /** How long (in ~1 ms polls) a background drop waits for a FRESH test's backends to exit before forcing. */
    private static final int BACKEND_EXIT_POLLS = 500;
    /** Drops FRESH databases off the tests' path: a DROP right after a disconnect can wait for the backend. */
    private final java.util.concurrent.ExecutorService dropper = java.util.concurrent.Executors.newSingleThreadExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "refcheck-drop");
                thread.setDaemon(true);
                return thread;
            });
    private volatile ServerLostException lost;
    private final Clones clones = new Clones(this);
    /** Templates whose last backend was seen gone, so that CREATE DATABASE from them does not sleep 100 ms. */
    private final Set<String> settled = ConcurrentHashMap.newKeySet();

    private Cluster(ServerSpec spec, PostgresServer server) {
        this.spec = spec;
        this.server = server;
        try (Connection connection = server.connect(server.maintenanceDatabase());
             Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            this.serverVersion = connection.getMetaData().getDatabaseMajorVersion();
            this.superuser = rows.next() && rows.getBoolean(1);
        } catch (SQLException e) {
            server.close();
            throw new ServerStartException("refcheck started " + server.description()
                    + " but could not connect to it: " + e.getMessage(), e);
        }
    }

    /** Starts (or connects to) the server the spec names. */
    public static Cluster start(ServerSpec spec) {
        return new Cluster(spec, Servers.start(spec));
    }

    /** A cluster on a server started elsewhere (tests: an embedded server on a data-directory cache of their own). */
    static Cluster on(PostgresServer server, ServerSpec spec) {
        return new Cluster(spec, server);
    }

    public ServerSpec spec() {
        return spec;
    }

    /** For the log and messages; never credentials. */
    public String description() {
        return server.description();
    }

    PostgresServer server() {
        return server;
    }

    int serverVersion() {
        return serverVersion;
    }

    /** Whether refcheck's user is a superuser (embedded and container servers: yes). */
    boolean superuser() {
        return superuser;
    }

    /** PostgreSQL 15+ lets a session flush its statistics on demand; CLEAN relies on it to see what changed. */
    boolean countersFlushable() {
        return serverVersion >= 15;
    }

    /**
     * The template holding {@code schema}, built on first use; concurrent callers wait for the one build.
     *
     * @throws dev.refcheck.schema.SchemaException when a script fails, every time it is asked for again
     */
    public Template template(SchemaSource schema) {
        CompletableFuture<Template> future = new CompletableFuture<>();
        CompletableFuture<Template> existing = templates.putIfAbsent(schema.fingerprint(), future);
        if (existing == null) {
            try {
                future.complete(buildTemplate(schema));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
            existing = future;
        }
        try {
            return existing.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private Template buildTemplate(SchemaSource schema) {
        // a kept data directory names templates by content alone, so the next run finds them
        String name = server.keepsDatabases() ? "refcheck_t" + schema.fingerprint().substring(0, 16)
                : "refcheck_" + runId + "_t" + schema.fingerprint().substring(0, 12);
        long start = System.nanoTime();
        created.add(name);
        if (server.keepsDatabases() && exists(name)) {
            Template template;
            try (Connection connection = server.connect(name)) {
                template = new Template(name, schema.fingerprint(), Baseline.capture(connection), false);
            } catch (SQLException e) {
                throw new IllegalStateException("refcheck could not read the kept template " + name + ": "
                        + e.getMessage(), e);
            }
            clones.claim(template);
            LOG.info("refcheck: schema [{}] found in template {} (kept from an earlier run)", schema, name);
            return template;
        }
        execute("CREATE DATABASE " + Sql.quote(name));
        Template template;
        try (Connection connection = server.connect(name)) {
            schema.applyTo(connection, server.jdbcUrl(name), server.user(), server.password());
            if (!schema.datasets().isEmpty()) {
                FixtureLoader.load(connection, Datasets.parse(schema.datasets()));
            }
            template = new Template(name, schema.fingerprint(), Baseline.capture(connection), false);
        } catch (SQLException e) {
            dropQuietly(name);
            throw new IllegalStateException("refcheck could not prepare the template database " + name
                    + " on " + server.description() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            dropQuietly(name);
            throw e;
        }
        LOG.info("refcheck: schema [{}] applied to template {} in {} ms", schema, name,
                (System.nanoTime() - start) / 1_000_000);
        return template;
    }

    /**
     * The external server's own database (the one its URL names), used in place by tests: nothing is applied,
     * cloned or dropped. With {@code allowCleanup}, its rows are copied aside so CLEAN can put them back.
     */
    public Template existingDatabase(boolean allowCleanup) {
        String name = server.maintenanceDatabase();
        CompletableFuture<Template> future = templates.computeIfAbsent("existing:" + name + ":" + allowCleanup,
                k -> CompletableFuture.supplyAsync(() -> {
                    try (Connection connection = server.connect(name)) {
                        if (allowCleanup) {
                            keptRowsIn = name;
                        }
                        return new Template(name, k, Baseline.capture(connection, allowCleanup), true);
                    } catch (SQLException e) {
                        throw new IllegalStateException("refcheck could not read database " + name + " on "
                                + server.description() + ": " + e.getMessage(), e);
                    }
                }, Runnable::run));
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private boolean exists(String database) {
        synchronized (maintenanceLock) {
            try (var statement = maintenance().prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                statement.setString(1, database);
                try (var rows = statement.executeQuery()) {
                    return rows.next();
                }
            } catch (SQLException e) {
                closeMaintenance();
                throw new IllegalStateException("refcheck could not list the databases on " + server.description()
                        + ": " + e.getMessage(), e);
            }
        }
    }

    /** A database at the template's state: one an earlier run kept, else a new clone. */
    String createDatabase(Template template) {
        String kept = template.existing() ? null : clones.kept(template);
        return kept != null ? kept : newDatabase(template);
    }

    /** A database for one FRESH test: the spare made while the previous one ran, when there is one. */
    String freshDatabase(Template template) {
        return clones.fresh(template);
    }

    /** A new database cloned from the template, now. */
    String newDatabase(Template template) {
        if (template.existing()) {
            throw new IllegalArgumentException("refcheck does not clone database " + template.name()
                    + ", which it did not create");
        }
        if (settled.add(template.name())) {
            // refcheck's own connection to the template (schema, baseline) may not have ended yet
            awaitNoBackends(template.name());
        }
        String name = nextCloneName();
        execute(createSql(name, template));
        created.add(name);
        return name;
    }

    static String createSql(String name, Template template) {
        return "CREATE DATABASE " + Sql.quote(name) + " TEMPLATE " + Sql.quote(template.name());
    }

    String nextCloneName() {
        return "refcheck_" + runId + "_" + counter.incrementAndGet();
    }

    /** Records a database refcheck made (or took over from an earlier run): dropped at the end. */
    void madeDatabase(String name) {
        created.add(name);
    }

    /** A database now kept for the next run under another name: not dropped at the end. */
    void keptDatabase(String name) {
        created.remove(name);
    }

    List<String> databasesStartingWith(String prefix) {
        synchronized (maintenanceLock) {
            try (var statement = maintenance().prepareStatement(
                    "SELECT datname FROM pg_database WHERE left(datname, length(?)) = ? ORDER BY datname")) {
                statement.setString(1, prefix);
                statement.setString(2, prefix);
                List<String> names = new ArrayList<>();
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                return names;
            } catch (SQLException e) {
                closeMaintenance();
                throw new IllegalStateException("refcheck could not list the databases on " + server.description()
                        + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Waits until no backend is connected to {@code database}: CREATE DATABASE ... TEMPLATE (and RENAME) right
     * after a client disconnected can still find its exiting backend, and then waits in 100 ms steps or fails.
     */
    void awaitNoBackends(String database) {
        synchronized (maintenanceLock) {
            try {
                awaitNoBackends(maintenance(), database);
            } catch (SQLException e) {
                closeMaintenance();
                if (ServerLostException.isServerLost(e)) {
                    throw lost("waiting for the connections to " + database + " to end", e);
                }
                throw new IllegalStateException("refcheck could not list the connections to " + database + " on "
                        + server.description() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void awaitNoBackends(Connection connection, String database) throws SQLException,
            InterruptedException {
        try (PreparedStatement backends = connection.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
            backends.setString(1, database);
            for (int attempt = 0; attempt < BACKEND_EXIT_POLLS; attempt++) {
                try (ResultSet rows = backends.executeQuery()) {
                    if (rows.next() && rows.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(1);
            }
        }
    }

    /** Drops a database refcheck created, closing any connection still open on it. */
    void dropDatabase(String name) {
        forget(name);
        execute(dropSql(name));
    }

    /** Takes {@code name} off the list of databases refcheck made, refusing one it did not make. */
    private void forget(String name) {
        if (!created.remove(name)) {
            throw new IllegalStateException("refcheck never drops a database it did not create: " + name);
        }
    }

    private String dropSql(String name) {
        return serverVersion >= 13 ? "DROP DATABASE IF EXISTS " + Sql.quote(name) + " WITH (FORCE)"
                : "DROP DATABASE IF EXISTS " + Sql.quote(name);
    }

    /** Drops the database in the background; {@link #close()} waits for every such drop. */
    void dropLater(String name) {
        dropper.execute(() -> dropQuietly(name));
    }

    /**
     * On the dropper's own connection, so the next test's CREATE DATABASE does not queue behind it; and only once
     * the test's backends have exited, since DROP ... WITH (FORCE) otherwise waits for them in 100 ms steps.
     */
    private synchronized void dropQuietly(String name) {
        try {
            forget(name);
            try {
                if (dropConnection == null || dropConnection.isClosed()) {
                    dropConnection = server.connect(server.maintenanceDatabase());
                }
                awaitNoBackends(dropConnection, name);
                try (Statement statement = dropConnection.createStatement()) {
                    statement.execute(dropSql(name));
                }
            } catch (SQLException e) {
                closeDropConnection();
                throw new IllegalStateException(e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } catch (RuntimeException e) {
            LOG.warn("refcheck: could not drop database {}: {}", name, e.getMessage());
        }
    }

    private void closeDropConnection() {
        try {
            if (dropConnection != null) {
                dropConnection.close();
            }
        } catch (SQLException ignored) {
            // gone already
        }
        dropConnection = null;
    }

    /** A pooled clone of the template for one test, or a new one when all are in use. */
    PooledDatabase lease(Template template, Isolation isolation) {
        PooledDatabase database = pool(template, isolation).pollFirst();
        if (database != null) {
            return database;
        }
        return new PooledDatabase(this, template, template.existing() ? template.name() : createDatabase(template));
    }

    /** Back to the pool, ready for the next test. */
    void giveBack(PooledDatabase database, Isolation isolation) {
        pool(database.template(), isolation).addFirst(database);
    }

    private ConcurrentLinkedDeque<PooledDatabase> pool(Template template, Isolation isolation) {
        return pools.computeIfAbsent(template.name() + "/" + isolation, k -> new ConcurrentLinkedDeque<>());
    }

    /**
     * A connection failed the way it does when the server goes away. If the server no longer answers, that is
     * recorded so later tests fail at once with this reason; if it does, only this connection was ended.
     */
    RuntimeException lost(String doing, SQLException e) {
        if (answers()) {
            return new IllegalStateException("refcheck's connection to " + server.description() + " broke while "
                    + doing + ": " + e.getMessage() + "\nThe server itself still answers, so something ended that"
                    + " connection (pg_terminate_backend, a proxy, an idle timeout); the next test gets a new one.", e);
        }
        ServerLostException failure = ServerLostException.of(doing, server.description(), e);
        if (lost == null) {
            lost = failure;
        }
        return failure;
    }

    private boolean answers() {
        try (Connection connection = server.connect(server.maintenanceDatabase())) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether the server stopped answering during the run. */
    public boolean isLost() {
        return lost != null;
    }

    /** @throws ServerLostException when the server was lost earlier in the run */
    void requireServer() {
        ServerLostException first = lost;
        if (first != null) {
            throw ServerLostException.earlier(server.description(), first);
        }
    }

    void execute(String sql) {
        requireServer();
        synchronized (maintenanceLock) {
            try (Statement statement = maintenance().createStatement()) {
                statement.execute(sql);
                return;
            } catch (SQLException e) {
                closeMaintenance(); // the next statement gets a new one
                failed(sql, e);
            }
        }
    }

    /** One kept connection for CREATE and DROP DATABASE: a new one per statement cost about 5 ms each. */
    private Connection maintenance() throws SQLException {
        if (maintenance == null || maintenance.isClosed()) {
            maintenance = server.connect(server.maintenanceDatabase());
        }
        return maintenance;
    }

    private void closeMaintenance() {
        try {
            if (maintenance != null) {
                maintenance.close();
            }
        } catch (SQLException ignored) {
            // gone already
        }
        maintenance = null;
    }

    private void failed(String sql, SQLException e) {
        if (ServerLostException.isServerLost(e)) {
            throw lost("running [" + sql + "]", e);
        }
        throw new IllegalStateException("refcheck could not run [" + sql + "] on " + server.description()
                + ": " + e.getMessage() + hint(e), e);
    }

    private String hint(SQLException e) {
        if ("42501".equals(e.getSQLState())) {
            return "\nThe user needs the CREATEDB privilege (ALTER ROLE ... CREATEDB) for refcheck to make"
                    + " its own databases on this server.";
        }
        return "";
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        clones.stop();
        dropper.shutdown();
        try {
            if (!dropper.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("refcheck: databases were still being dropped after 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeDropConnection();
        if (server.keepsDatabases()) {
            List<PooledDatabase> pooled = new ArrayList<>();
            pools.values().forEach(pooled::addAll);
            clones.keep(pooled);
        }
        pools.values().forEach(pool -> pool.forEach(PooledDatabase::closeConnections));
        pools.clear();
        if (!server.ownedByRefcheck() || server.keepsDatabases()) {
            // the server (or its data directory) stays: remove exactly what refcheck made on it, but
            // keep templates where they are meant to be found again
            Set<String> keep = server.keepsDatabases() ? templateNames() : Set.of();
            for (String name : List.copyOf(created)) {
                if (keep.contains(name)) {
                    continue;
                }
                try {
                    dropDatabase(name);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        }
        if (keptRowsIn != null) {
            try (Connection connection = server.connect(keptRowsIn); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + Baseline.SCHEMA + " CASCADE");
            } catch (SQLException e) {
                failures.add(new IllegalStateException("could not drop refcheck's schema " + Baseline.SCHEMA
                        + " from database " + keptRowsIn + ": " + e.getMessage(), e));
            }
        }
        closeMaintenance();
        server.close();
        failures.forEach(e -> LOG.warn("refcheck: {}", e.getMessage()));
    }

    private Set<String> templateNames() {
        Set<String> names = new java.util.HashSet<>();
        templates.values().forEach(future -> {
            if (future.isDone() && !future.isCompletedExceptionally()) {
                names.add(future.join().name());
            }
        });
        return names;
    }

    private static String runId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
