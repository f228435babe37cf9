package dev.refcheck.assertj;

import dev.refcheck.schema.ForeignKeyCatalog;
import java.sql.Connection;
import java.sql.SQLException;

/** Reads the FK catalog for an assertion; a failure to read it is infrastructure, not a test failure. */
final class Catalogs {

    private Catalogs() {
    }

    static ForeignKeyCatalog read(Connection connection) {
        return sql(() -> ForeignKeyCatalog.read(connection));
    }

    /** A catalog query whose failure is refcheck's problem, not the assertion's. */
    interface SqlCall<T> {
        T call() throws SQLException;
    }

    static <T> T sql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new IllegalStateException("refcheck could not read the catalog: " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }
}
