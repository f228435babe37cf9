package dev.refcheck.bench.peers.suite;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.orphans.OrphanAudit;
import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.Provider;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.RepeatedTest;

/**
 * As {@link RefcheckSuiteTests}, with the data set as dataset files in the template instead of data.sql: one CSV
 * per table, rows shuffled (written by SuiteBench before the timed runs), loaded once in FK order.
 */
@RefCheck(schema = {SuiteContext.SCHEMA_FILE, SuiteContext.CSV + "album.csv", SuiteContext.CSV + "artist.csv",
        SuiteContext.CSV + "customer.csv", SuiteContext.CSV + "employee.csv", SuiteContext.CSV + "genre.csv",
        SuiteContext.CSV + "invoice.csv", SuiteContext.CSV + "invoice_line.csv", SuiteContext.CSV + "media_type.csv",
        SuiteContext.CSV + "playlist.csv", SuiteContext.CSV + "playlist_track.csv", SuiteContext.CSV + "track.csv"},
        provider = Provider.CONTAINER, isolation = Isolation.TRANSACTION)
@OrphanAudit
public class RefcheckDatasetSuiteTests {

    @RepeatedTest(SuiteContext.TESTS)
    void test(Connection connection) throws SQLException {
        SuiteContext.fiveTableTest(connection);
    }
}
