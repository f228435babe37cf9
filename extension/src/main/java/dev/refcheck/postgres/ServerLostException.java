package dev.refcheck.postgres;

import java.sql.SQLException;

/**
 * The server stopped answering in the middle of the run (shut down, crashed, killed): an infrastructure
 * failure, not a test failure. Every test after it on the same server fails with this reason too.
 */
public class ServerLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServerLostException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Connection failures (SQLSTATE class 08) and server shutdowns (57P01-57P03) mean the server is gone. */
    static boolean isServerLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    private static final String MEANING = "\nThe server stopped answering during the test run (shut down, crashed"
            + " or killed). This is an infrastructure failure, not a test failure; the tests after this one on the"
            + " same server fail with it too.";

    /** What refcheck was doing and on which server, why, and what it means for the rest of the run. */
    static ServerLostException of(String doing, String server, SQLException e) {
        return new ServerLostException("refcheck lost its PostgreSQL server (" + server + ") while " + doing + ": "
                + e.getMessage() + MEANING, e);
    }

    /** For a test that comes after the loss: fails at once with the first reason instead of trying to connect. */
    static ServerLostException earlier(String server, ServerLostException first) {
        SQLException cause = (SQLException) first.getCause();
        return new ServerLostException("refcheck lost its PostgreSQL server (" + server + ") earlier in this run,"
                + " so this test cannot run; the first failure was: " + cause.getMessage() + MEANING, first);
    }
}
