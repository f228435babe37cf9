package dev.refcheck.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/** A server the user runs; refcheck only creates, uses and drops its own databases there. */
final class ExternalServer implements PostgresServer {

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([?&])password=[^&]*&?");

    private final String url;
    private final String user;
    private final String password;
    private final String database;

    private ExternalServer(String url, String user, String password, String database) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.database = database;
    }

    static ExternalServer connect(String url, String user, String password) throws SQLException {
        Properties parsed = Driver.parseURL(url, new Properties());
        if (parsed == null) {
            throw new SQLException("not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:port/database): "
                    + Redaction.url(url));
        }
        String database = parsed.getProperty("PGDBNAME", "postgres");
        // a password in the URL moves out of it: TestDatabase.jdbcUrl() promises a URL without credentials
        String urlPassword = parsed.getProperty("password");
        if (urlPassword != null) {
            url = URL_PASSWORD.matcher(url).replaceAll("$1").replaceAll("[?&]$", "").replace("?&", "?");
            password = password != null ? password : urlPassword;
        }
        ExternalServer server = new ExternalServer(url, user, password, database.isEmpty() ? "postgres" : database);
        try (Connection ignored = server.connect(server.database)) {
            return server;
        } catch (SQLException e) {
            throw new SQLException(Redaction.message(e.getMessage(), password), e.getSQLState());
        }
    }

    @Override
    public String jdbcUrl(String database) {
        // the same host, port and parameters as the configured URL, another database
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String parameters = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        String hostPart = slash < 0 ? base : base.substring(0, slash);
        return hostPart + "/" + database + parameters;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String maintenanceDatabase() {
        return database;
    }

    @Override
    public String description() {
        return "external server " + Redaction.url(url);
    }

    @Override
    public boolean ownedByRefcheck() {
        return false;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
