package dev.refcheck.bench.foundation.suite;

import dev.refcheck.bench.foundation.BenchSchema;
import dev.refcheck.bench.foundation.Probe;
import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.Provider;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.RepeatedTest;

/**
 * FRESH with tests that take {@link Suites#WORK_MILLIS} each (the body waits after its row), as tests of real code
 * do: the spare clone for the next test is made meanwhile, so no CREATE DATABASE is left on the path.
 */
@RefCheck(schema = BenchSchema.LOCATION, isolation = Isolation.FRESH, provider = Provider.EXTERNAL)
public class RefcheckFreshWorkTests {

    @RepeatedTest(Suites.TESTS)
    void test(Connection connection) throws SQLException {
        Probe.run(connection, BenchSchema.ONE_ROW, Suites.WORK_MILLIS);
    }
}
