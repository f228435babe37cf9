package dev.refcheck.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded data directory kept across runs: real servers, started one after another on one cache. */
class DataDirectoryCacheTest {

    @TempDir
    Path root;

    @Test
    void aSecondRunStartsWarmAndFindsWhatTheFirstLeft() throws Exception {
        DataDirectoryCache cache = DataDirectoryCache.at(root);
        try (EmbeddedServer first = EmbeddedServer.start(Optional.of(cache))) {
            assertThat(first.warm()).isFalse();
            assertThat(first.keepsDatabases()).isTrue();
            execute(first, "CREATE DATABASE kept");
        }

        try (EmbeddedServer second = EmbeddedServer.start(Optional.of(cache))) {
            assertThat(second.warm()).isTrue();
            assertThat(databases(second)).contains("kept");
        }
    }

    @Test
    void aRunThatFindsTheCacheInUseRunsColdInADirectoryOfItsOwn() throws Exception {
        DataDirectoryCache cache = DataDirectoryCache.at(root);
        try (EmbeddedServer first = EmbeddedServer.start(Optional.of(cache));
             EmbeddedServer second = EmbeddedServer.start(Optional.of(cache))) {
            assertThat(first.keepsDatabases()).isTrue();
            assertThat(second.keepsDatabases()).isFalse();
            assertThat(second.warm()).isFalse();
            execute(second, "CREATE DATABASE private_only");
            second.close();
            // POSIX locks belong to the process: closing the second server must not free the first one's
            assertThat(lockedByAnotherProcess(root.resolve("lock"))).isTrue();
        }

        try (EmbeddedServer third = EmbeddedServer.start(Optional.of(cache))) {
            assertThat(databases(third)).doesNotContain("private_only");
        }
        assertThat(root.toFile().list()).containsExactlyInAnyOrder("lock", "data");
    }

    /** Asks a separate process (Python's fcntl, the same kind of lock as Java's) whether the file is locked. */
    private static boolean lockedByAnotherProcess(Path file) throws Exception {
        Process python = new ProcessBuilder("python3", "-c", "import fcntl,sys\n"
                + "f=open(sys.argv[1],'a')\n"
                + "try:\n fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept OSError:\n sys.exit(3)",
                file.toString()).inheritIO().start();
        return python.waitFor() == 3;
    }

    private static void execute(PostgresServer server, String sql) throws SQLException {
        try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String databases(PostgresServer server) throws SQLException {
        try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT string_agg(datname, ',') FROM pg_database")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
