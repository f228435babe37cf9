package dev.refcheck.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** The few lines of plain JDBC every sample needs, kept here so the samples show only their scenario. */
final class Jdbc {

    /** A JDBC call that may fail. */
    interface Action {
        void run() throws SQLException;
    }

    private Jdbc() {
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** One JDBC batch of every statement of {@code groups}, in order. */
    static void batch(Connection connection, String[]... groups) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String[] group : groups) {
                for (String sql : group) {
                    statement.addBatch(sql);
                }
            }
            statement.executeBatch();
        }
    }

    /** The first column of every row, as text ({@code null} stays null). */
    static List<String> column(Connection connection, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** Whether {@code action} went through; a refusal is an answer here, not an error. */
    static boolean succeeds(Action action) {
        try {
            action.run();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * What PostgreSQL said when it refused {@code action}: the fields pgjdbc parsed from the server's error
     * (SQLSTATE, constraint, table, detail). In a batch they sit on the next exception, not the batch's own.
     */
    static ServerErrorMessage refusal(Action action) {
        Throwable thrown = catchThrowable(action::run);
        assertThat(thrown).as("PostgreSQL should have refused this").isInstanceOf(SQLException.class);
        if (thrown instanceof BatchUpdateException batch && batch.getNextException() != null) {
            thrown = batch.getNextException();
        }
        assertThat(thrown).isInstanceOf(PSQLException.class);
        ServerErrorMessage error = ((PSQLException) thrown).getServerErrorMessage();
        assertThat(error).as("the server's error fields").isNotNull();
        return error;
    }
}
