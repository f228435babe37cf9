package dev.refcheck.bench.peers.suite;

import dev.refcheck.bench.peers.DbSetupTool;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The DbSetup suite as its documentation shows it: every test launches deleteAllFrom (children first)
 * and the inserts, and commits its writes.
 */
public class DbSetupSuiteTests {

    static PostgreSQLContainer container;
    static Connection connection;

    @BeforeAll
    static void schema() throws Exception {
        container = SuiteContext.startContainer();
        connection = SuiteContext.connect(container);
        SuiteContext.execute(connection, SuiteContext.schema());
    }

    @BeforeEach
    void seed() {
        new DbSetupTool().restore(connection, SuiteContext.data());
    }

    @RepeatedTest(SuiteContext.TESTS)
    void test() throws SQLException {
        SuiteContext.fiveTableTest(connection);
    }

    @AfterAll
    static void stop() throws SQLException {
        connection.close();
        container.stop();
    }
}
