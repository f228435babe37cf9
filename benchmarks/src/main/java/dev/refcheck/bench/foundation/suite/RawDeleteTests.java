package dev.refcheck.bench.foundation.suite;

import dev.refcheck.bench.foundation.BenchSchema;
import dev.refcheck.bench.foundation.Probe;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

/** A bare baseline of CLEAN: the test commits 1,000 rows; DELETE children before parents, one round trip. */
public class RawDeleteTests extends RawBase {

    @RepeatedTest(Suites.TESTS)
    void test() throws SQLException {
        Probe.run(connection, BenchSchema.thousandRows());
    }

    @AfterEach
    void delete() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(BenchSchema.deleteReverse());
        }
    }
}
