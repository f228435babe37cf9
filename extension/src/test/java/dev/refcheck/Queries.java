package dev.refcheck;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Query results as one comparable string: rows joined by commas, first column only. */
public final class Queries {

    private Queries() {
    }

    public static String rows(Statement statement, String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                out.append(out.length() == 0 ? "" : ",").append(rows.getString(1));
            }
        }
        return out.toString();
    }

    public static String rows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return rows(statement, sql);
        }
    }
}
