package dev.refcheck.bench.foundation.suite;

import dev.refcheck.bench.foundation.BenchSchema;
import dev.refcheck.bench.foundation.Probe;
import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.Provider;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.RepeatedTest;

/** TRANSACTION: the same one-row test; refcheck rolls it back. */
@RefCheck(schema = BenchSchema.LOCATION, isolation = Isolation.TRANSACTION, provider = Provider.EXTERNAL)
public class RefcheckTransactionTests {

    @RepeatedTest(Suites.TESTS)
    void test(Connection connection) throws SQLException {
        Probe.run(connection, BenchSchema.ONE_ROW);
    }
}
