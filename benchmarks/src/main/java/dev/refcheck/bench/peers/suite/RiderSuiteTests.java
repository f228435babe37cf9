package dev.refcheck.bench.peers.suite;

import dev.refcheck.bench.peers.RiderTool;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The Database Rider suite as its users write it: every test seeds the YAML data set with cleanBefore=true
 * (defaults otherwise, LOWERCASE for PostgreSQL) and commits its writes.
 */
public class RiderSuiteTests {

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
        new RiderTool(false, true).restore(connection, SuiteContext.data());
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
