package dev.refcheck.bench.foundation.suite;

import dev.refcheck.bench.foundation.BenchSchema;
import dev.refcheck.bench.foundation.Probe;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/** The bare baseline of TRANSACTION: auto-commit off, ROLLBACK after each test. */
public class RawRollbackTests extends RawBase {

    @BeforeAll
    static void transactional() throws SQLException {
        connection.setAutoCommit(false);
    }

    @RepeatedTest(Suites.TESTS)
    void test() throws SQLException {
        Probe.run(connection, BenchSchema.ONE_ROW);
    }

    @AfterEach
    void rollback() throws SQLException {
        connection.rollback();
    }
}
