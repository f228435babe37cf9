package dev.refcheck.bench.foundation.suite;

import dev.refcheck.bench.foundation.RawServer;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** What a hand-written suite does: one database of its own (cloned once) and one connection kept open. */
abstract class RawBase {

    static Connection maintenance;
    static String database;
    static Connection connection;

    @BeforeAll
    static void openDatabase() throws SQLException {
        maintenance = RawServer.current().connect("postgres");
        database = RawServer.current().cloneTemplate(maintenance);
        connection = RawServer.current().connect(database);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        connection.close();
        RawServer.drop(maintenance, database);
        maintenance.close();
    }
}
