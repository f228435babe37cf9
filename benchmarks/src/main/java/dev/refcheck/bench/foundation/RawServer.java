package dev.refcheck.bench.foundation;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one server of the per-test benchmark: refcheck reaches it as an external server and the bare baselines
 * connect to it directly, so both sides pay exactly the same server. Same settings as refcheck's own servers.
 */
public final class RawServer implements AutoCloseable {

    /** refcheck's ServerSettings.FAST, repeated here because that class is package-private. */
    public static final Map<String, String> FAST = Map.of("fsync", "off", "synchronous_commit", "off",
            "full_page_writes", "off", "max_connections", "300", "autovacuum", "off");

    public static final String TEMPLATE = "bench_template";

    private static volatile RawServer current;

    private final EmbeddedPostgres postgres;
    private final AtomicInteger counter = new AtomicInteger();

    private RawServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static RawServer start(Map<String, String> extraSettings) throws IOException, SQLException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        FAST.forEach(builder::setServerConfig);
        extraSettings.forEach(builder::setServerConfig);
        RawServer server = new RawServer(builder.start());
        server.admin("CREATE DATABASE " + TEMPLATE);
        try (Connection connection = server.connect(TEMPLATE); Statement statement = connection.createStatement()) {
            statement.execute(BenchSchema.ddl());
        }
        current = server;
        return server;
    }

    public static RawServer current() {
        return current;
    }

    public int port() {
        return postgres.getPort();
    }

    public String url(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "postgres", null);
    }

    /** A database of the baseline's own, cloned from the template. */
    public String cloneTemplate(Connection maintenance) throws SQLException {
        String name = "raw_" + counter.incrementAndGet();
        try (Statement statement = maintenance.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        }
        return name;
    }

    public static void drop(Connection maintenance, String database) throws SQLException {
        try (Statement statement = maintenance.createStatement()) {
            statement.execute("DROP DATABASE " + database + " WITH (FORCE)");
        }
    }

    /** Polls until no backend is connected to {@code database}. */
    public static void awaitNoBackends(Connection maintenance, String database) throws SQLException {
        try (var query = maintenance.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
            query.setString(1, database);
            while (true) {
                try (var rows = query.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) == 0) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
    }

    public void admin(String sql) throws SQLException {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
