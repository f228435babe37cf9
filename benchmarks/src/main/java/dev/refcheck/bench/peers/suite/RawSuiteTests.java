package dev.refcheck.bench.peers.suite;

import dev.refcheck.bench.peers.RawCopy;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The hand-written Testcontainers + JDBC suite: a container, the schema, one COPY of the data set, and each test
 * in a transaction rolled back afterwards. No ordering logic beyond the COPY order, no audit.
 */
public class RawSuiteTests {

    static PostgreSQLContainer container;
    static Connection connection;

    @BeforeAll
    static void load() throws Exception {
        container = SuiteContext.startContainer();
        connection = SuiteContext.connect(container);
        SuiteContext.execute(connection, SuiteContext.schema());
        new RawCopy().load(connection, SuiteContext.data());
    }

    @BeforeEach
    void begin() throws SQLException {
        connection.setAutoCommit(false);
    }

    @RepeatedTest(SuiteContext.TESTS)
    void test() throws SQLException {
        SuiteContext.fiveTableTest(connection);
    }

    @AfterEach
    void rollback() throws SQLException {
        connection.rollback();
    }

    @AfterAll
    static void stop() throws SQLException {
        connection.close();
        container.stop();
    }
}
