package dev.refcheck.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** A running server refcheck can create databases on. */
interface PostgresServer extends AutoCloseable {

    /** The application_name of every connection refcheck opens, so they can be told from the user's. */
    String APPLICATION_NAME = "refcheck";

    /** A JDBC URL for a database on this server. */
    String jdbcUrl(String database);

    String user();

    String password();

    /** The database to connect to for CREATE/DROP DATABASE. */
    String maintenanceDatabase();

    /** For the log: which provider and version; never credentials. */
    String description();

    /** Whether the whole server is refcheck's own (thrown away at the end) rather than the user's. */
    boolean ownedByRefcheck();

    /** Whether databases outlive this run (the embedded data-directory cache), so templates can be reused. */
    default boolean keepsDatabases() {
        return false;
    }

    default Connection connect(String database, Properties extra) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(extra);
        if (user() != null) {
            properties.setProperty("user", user());
        }
        if (password() != null) {
            properties.setProperty("password", password());
        }
        properties.putIfAbsent("ApplicationName", APPLICATION_NAME);
        // the application name goes in the startup packet instead of a SET afterwards, so the DISCARD ALL with
        // which CLEAN hands a backend to the next test keeps it: CLEAN tells its own backends from others by it,
        // and counts any other as "changes unknown, restore every table"
        properties.putIfAbsent("assumeMinServerVersion", "9.0");
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    default Connection connect(String database) throws SQLException {
        return connect(database, new Properties());
    }

    @Override
    void close();
}
