package dev.refcheck.postgres;

/** No PostgreSQL server could be had: an infrastructure problem, not a test failure. */
public class ServerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
