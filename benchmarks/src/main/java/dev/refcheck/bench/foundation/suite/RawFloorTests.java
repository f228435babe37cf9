package dev.refcheck.bench.foundation.suite;

import dev.refcheck.bench.foundation.Probe;
import java.sql.SQLException;
import org.junit.jupiter.api.RepeatedTest;

/** No reset at all: what JUnit itself costs around a test body, subtracted from every other row. */
public class RawFloorTests extends RawBase {

    @RepeatedTest(Suites.TESTS)
    void test() throws SQLException {
        Probe.run(connection, "SELECT 1");
    }
}
