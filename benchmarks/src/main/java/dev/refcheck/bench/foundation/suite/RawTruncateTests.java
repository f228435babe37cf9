package dev.refcheck.bench.foundation.suite;

import dev.refcheck.bench.foundation.BenchSchema;
import dev.refcheck.bench.foundation.Probe;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

/** A bare baseline of CLEAN: the test commits 1,000 rows into all 20 tables; one TRUNCATE of all 20 after it. */
public class RawTruncateTests extends RawBase {

    @RepeatedTest(Suites.TESTS)
    void test() throws SQLException {
        Probe.run(connection, BenchSchema.thousandRows());
    }

    @AfterEach
    void truncate() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(BenchSchema.truncateAll());
        }
    }
}
