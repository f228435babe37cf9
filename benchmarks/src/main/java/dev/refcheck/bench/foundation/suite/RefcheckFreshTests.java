package dev.refcheck.bench.foundation.suite;

import dev.refcheck.bench.foundation.BenchSchema;
import dev.refcheck.bench.foundation.Probe;
import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.Provider;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.RepeatedTest;

/** FRESH: a database cloned from the template for every test. */
@RefCheck(schema = BenchSchema.LOCATION, isolation = Isolation.FRESH, provider = Provider.EXTERNAL)
public class RefcheckFreshTests {

    @RepeatedTest(Suites.TESTS)
    void test(Connection connection) throws SQLException {
        Probe.run(connection, BenchSchema.ONE_ROW);
    }
}
