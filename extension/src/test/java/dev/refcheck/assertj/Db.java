package dev.refcheck.assertj;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Statements for the assertion tests. */
final class Db {

    private Db() {
    }

    static void exec(Connection connection, String... sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    static String query(Connection connection, String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                out.append(out.length() == 0 ? "" : ",").append(rows.getString(1));
            }
        }
        return out.toString();
    }

    /** Stands in for Spring's DataIntegrityViolationException: a runtime wrapper with a message of its own. */
    static final class DataIntegrityViolationException extends RuntimeException {
        DataIntegrityViolationException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Stands in for Hibernate's ConstraintViolationException, which wraps the driver's SQLException. */
    static final class ConstraintViolationException extends RuntimeException {
        ConstraintViolationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
