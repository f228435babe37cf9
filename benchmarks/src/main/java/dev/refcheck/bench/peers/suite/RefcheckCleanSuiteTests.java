package dev.refcheck.bench.peers.suite;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.orphans.OrphanAudit;
import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.Provider;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.RepeatedTest;

/**
 * refcheck's suite as a user writes it: the extension starts the container, builds a template from chinook's
 * schema and data scripts once, and each test commits and CLEAN puts the touched tables back with the orphan
 * audit after it. Run from the repository root (the scripts are read from the source tree).
 */
@RefCheck(schema = {SuiteContext.SCHEMA_FILE, SuiteContext.DATA_FILE}, provider = Provider.CONTAINER,
        isolation = Isolation.CLEAN)
@OrphanAudit
public class RefcheckCleanSuiteTests {

    @RepeatedTest(SuiteContext.TESTS)
    void test(Connection connection) throws SQLException {
        SuiteContext.fiveTableTest(connection);
    }
}
