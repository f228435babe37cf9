package dev.refcheck.bench.peers.suite;

import dev.refcheck.bench.peers.Dataset;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * What every peer suite shares: the data set and schema (prepared by SuiteBench before the timed runs), and the
 * server each suite starts for itself, as a hand-written Testcontainers suite does.
 */
public final class SuiteContext {

    public static final int TESTS = 100;
    static final String SCHEMA_FILE = "file:extension/src/test/resources/corpus/chinook/schema.sql";
    static final String DATA_FILE = "file:extension/src/test/resources/corpus/chinook/data.sql";
    /** Where SuiteBench writes the data set as one CSV per table, rows shuffled. */
    static final String CSV_DIR = "benchmarks/target/chinook-csv/";
    static final String CSV = "file:" + CSV_DIR;

    static volatile Dataset data;
    static volatile String schemaSql;

    private SuiteContext() {
    }

    public static void prepare(Dataset dataset, String schema) {
        data = dataset;
        schemaSql = schema;
    }

    @SuppressWarnings("resource")
    static PostgreSQLContainer startContainer() {
        String image = System.getenv().getOrDefault("REFCHECK_CONTAINER_IMAGE", "postgres:15");
        PostgreSQLContainer container = new PostgreSQLContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
        container.start();
        return container;
    }

    static Connection connect(PostgreSQLContainer container) throws SQLException {
        return DriverManager.getConnection(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The test every suite runs: the 5-table write, then a check that would fail if an earlier test leaked. */
    static void fiveTableTest(Connection connection) throws SQLException {
        execute(connection, dev.refcheck.bench.peers.PeersBench.FIVE_TABLE_TEST);
        long tracks = count(connection, "SELECT count(*) FROM track");
        long expected = data.tables().get("track").rows().size() + 1L;
        if (tracks != expected) {
            throw new AssertionError("track holds " + tracks + " rows, expected " + expected
                    + ": an earlier test's rows were not cleaned up");
        }
    }

    static String schema() {
        return schemaSql;
    }

    static Dataset data() {
        return data;
    }

}
