package dev.refcheck.bench.foundation.suite;

import dev.refcheck.bench.foundation.BenchSchema;
import dev.refcheck.bench.foundation.Probe;
import java.sql.SQLException;
import org.junit.jupiter.api.RepeatedTest;

/** {@link RawCloneTests} with tests that take {@link Suites#WORK_MILLIS} each, the baseline of RefcheckFreshWorkTests. */
public class RawCloneWorkTests extends RawCloneTests {

    @Override
    @RepeatedTest(Suites.TESTS)
    void test() throws SQLException {
        Probe.run(freshConnection(), BenchSchema.ONE_ROW, Suites.WORK_MILLIS);
    }
}
