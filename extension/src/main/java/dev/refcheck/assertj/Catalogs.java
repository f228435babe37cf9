package dev.refcheck.assertj;

import dev.refcheck.schema.ForeignKeyCatalog;
import java.sql.Connection;
import java.sql.SQLException;

/** Reads the FK catalog for an assertion; a failure to read it is infrastructure, not a test failure. */
final class Catalogs {

    private Catalogs() {
    }

    static ForeignKeyCatalog read(Connection connection) {
        try {
            return ForeignKeyCatalog.read(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("refcheck could not read the FK catalog: " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }
}
