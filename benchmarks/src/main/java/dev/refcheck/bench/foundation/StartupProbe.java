package dev.refcheck.bench.foundation;

import dev.refcheck.postgres.Cluster;
import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.Provider;
import dev.refcheck.postgres.ServerSpec;
import dev.refcheck.postgres.Session;
import dev.refcheck.postgres.Template;
import dev.refcheck.schema.SchemaSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One start-to-first-query measurement in this JVM, for {@link StartupBench} which runs it in fresh JVMs.
 * Prints {@code RESULT <mode> <attempt> <ms from the start call> <ms since the JVM started>} per attempt.
 *
 * <p>refcheck modes do what a test class's first test costs: {@code Cluster.start}, the template (the 20-table
 * schema), a TRANSACTION session and its first query. Raw modes: the provider's own start and a first query.
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    /** args: mode [attempts] [external-url]. */
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int attempts = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        String externalUrl = args.length > 2 ? args[2] : null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            long start = System.nanoTime();
            AutoCloseable running = switch (mode) {
                case "zonky" -> zonky(false);
                case "zonky-fast" -> zonky(true);
                case "testcontainers" -> testcontainers();
                case "jdbc-external" -> jdbc(externalUrl);
                case "zonky-schema" -> zonkySchema();
                case "jdbc-external-schema" -> jdbcSchema(externalUrl);
                case "refcheck-embedded" -> refcheck(mode, attempt, ServerSpec.embedded());
                // the data directory kept from the previous run (run it twice: the first run fills the cache)
                case "refcheck-embedded-cached" -> refcheck(mode, attempt,
                        new ServerSpec(Provider.EMBEDDED, null, null, null, null, true));
                case "refcheck-container" -> refcheck(mode, attempt,
                        new ServerSpec(Provider.CONTAINER, image(), null, null, null, false));
                case "refcheck-external" -> refcheck(mode, attempt, new ServerSpec(Provider.EXTERNAL, null, externalUrl,
                        "postgres", null, false));
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            };
            long end = System.nanoTime();
            long sinceJvm = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.printf(Locale.ROOT, "RESULT %s %d %.1f %d%n", mode, attempt, (end - start) / 1e6, sinceJvm);
            System.out.flush();
            running.close();
        }
    }

    static String image() {
        String image = System.getenv("REFCHECK_CONTAINER_IMAGE");
        return image == null || image.isBlank() ? ServerSpec.DEFAULT_IMAGE : image;
    }

    /** {@code fast}: with refcheck's server settings, to tell their cost from refcheck's own. */
    private static AutoCloseable zonky(boolean fast) throws Exception {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (fast) {
            RawServer.FAST.forEach(builder::setServerConfig);
        }
        EmbeddedPostgres postgres = builder.start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            firstQuery(connection);
        }
        return postgres;
    }

    @SuppressWarnings("resource")
    private static AutoCloseable testcontainers() throws Exception {
        PostgreSQLContainer container = new PostgreSQLContainer(
                DockerImageName.parse(image()).asCompatibleSubstituteFor("postgres"));
        container.start();
        try (Connection connection = DriverManager.getConnection(container.getJdbcUrl(), container.getUsername(),
                container.getPassword())) {
            firstQuery(connection);
        }
        return container;
    }

    private static AutoCloseable jdbc(String url) throws Exception {
        Connection connection = DriverManager.getConnection(url, "postgres", null);
        firstQuery(connection);
        return connection;
    }

    /** What a hand-written suite needs before its first test: the server, and the schema in a database. */
    private static AutoCloseable zonkySchema() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            applySchema(connection);
            firstQuery(connection);
        }
        return postgres;
    }

    /** The same on a running server: a database of its own, the schema, a first query. */
    private static AutoCloseable jdbcSchema(String url) throws Exception {
        Connection admin = DriverManager.getConnection(url, "postgres", null);
        String database = "probe_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        try (Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        Connection connection = DriverManager.getConnection(url.replace("/postgres", "/" + database), "postgres", null);
        applySchema(connection);
        firstQuery(connection);
        return () -> {
            connection.close();
            try (Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE " + database + " WITH (FORCE)");
            }
            admin.close();
        };
    }

    private static void applySchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(BenchSchema.ddl());
        }
    }

    /** Also prints {@code STEP <mode> <attempt> <Cluster.start> <template> <Session.begin> <first query>} in ms. */
    private static AutoCloseable refcheck(String mode, int attempt, ServerSpec spec) throws Exception {
        long t0 = System.nanoTime();
        Cluster cluster = Cluster.start(spec);
        long t1 = System.nanoTime();
        SchemaSource schema = SchemaSource.of(List.of(BenchSchema.LOCATION), List.of(),
                StartupProbe.class.getClassLoader());
        Template template = cluster.template(schema);
        long t2 = System.nanoTime();
        Session session = Session.begin(cluster, template, Isolation.TRANSACTION, null, "StartupProbe.first");
        long t3 = System.nanoTime();
        firstQuery(session.connection());
        long t4 = System.nanoTime();
        System.out.printf(Locale.ROOT, "STEP %s %d %.1f %.1f %.1f %.1f%n", mode, attempt, (t1 - t0) / 1e6,
                (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6);
        return () -> {
            session.finish();
            cluster.close();
        };
    }

    private static void firstQuery(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_class")) {
            rows.next();
        }
    }
}
