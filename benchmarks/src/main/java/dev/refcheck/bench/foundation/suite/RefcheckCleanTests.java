package dev.refcheck.bench.foundation.suite;

import dev.refcheck.bench.foundation.BenchSchema;
import dev.refcheck.bench.foundation.Probe;
import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.Provider;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.RepeatedTest;

/** CLEAN: the test commits 1,000 rows into all 20 tables; refcheck finds and empties them. */
@RefCheck(schema = BenchSchema.LOCATION, isolation = Isolation.CLEAN, provider = Provider.EXTERNAL)
public class RefcheckCleanTests {

    @RepeatedTest(Suites.TESTS)
    void test(Connection connection) throws SQLException {
        Probe.run(connection, BenchSchema.thousandRows());
    }
}
