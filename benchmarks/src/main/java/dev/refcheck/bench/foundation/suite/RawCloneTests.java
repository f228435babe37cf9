package dev.refcheck.bench.foundation.suite;

import dev.refcheck.bench.foundation.BenchSchema;
import dev.refcheck.bench.foundation.Probe;
import dev.refcheck.bench.foundation.RawServer;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The bare baseline of FRESH: CREATE DATABASE ... TEMPLATE, connect, and DROP ... WITH (FORCE) per test. Before
 * the DROP it waits for the closed backend to be gone: a DROP that still finds it waits in 100 ms steps.
 */
public class RawCloneTests extends RawBase {

    private String fresh;
    private Connection freshConnection;

    @BeforeEach
    void create() throws SQLException {
        fresh = RawServer.current().cloneTemplate(maintenance);
        freshConnection = RawServer.current().connect(fresh);
    }

    @RepeatedTest(Suites.TESTS)
    void test() throws SQLException {
        Probe.run(freshConnection, BenchSchema.ONE_ROW);
    }

    Connection freshConnection() {
        return freshConnection;
    }

    @AfterEach
    void drop() throws SQLException {
        freshConnection.close();
        RawServer.awaitNoBackends(maintenance, fresh);
        RawServer.drop(maintenance, fresh);
    }
}
