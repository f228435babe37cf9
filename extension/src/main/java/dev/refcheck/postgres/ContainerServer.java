package dev.refcheck.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** A Testcontainers PostgreSQL container. */
final class ContainerServer implements PostgresServer {

    private final PostgreSQLContainer container;
    private final String image;

    private ContainerServer(PostgreSQLContainer container, String image) {
        this.container = container;
        this.image = image;
    }

    /** Null when Docker answers, else why not. */
    static String dockerUnavailableReason() {
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? null : "no Docker environment answered";
        } catch (RuntimeException e) {
            return "Docker check failed: " + e.getMessage();
        }
    }

    static ContainerServer start(String image) {
        List<String> command = new ArrayList<>(List.of("postgres"));
        ServerSettings.FAST.forEach((key, value) -> {
            command.add("-c");
            command.add(key + "=" + value);
        });
        @SuppressWarnings("resource") // closed by close()
        PostgreSQLContainer container = new PostgreSQLContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
                .withUsername("postgres")
                .withPassword(UUID.randomUUID().toString())
                .withDatabaseName("postgres");
        container.withCommand(command.toArray(String[]::new));
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            if (String.valueOf(e.getMessage()).startsWith("Can't get Docker image")) {
                // Testcontainers names its internals here; say what the user can do instead
                IllegalStateException missing = new IllegalStateException("image " + image + " is not on this"
                        + " Docker host and could not be pulled; check the name (docker pull " + image + ") or set"
                        + " refcheck.container.image to an image you have");
                missing.addSuppressed(e);
                throw missing;
            }
            throw e;
        }
        return new ContainerServer(container, image);
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/" + database;
    }

    @Override
    public String user() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public String maintenanceDatabase() {
        return "postgres";
    }

    @Override
    public String description() {
        return "container " + image + " on port " + container.getMappedPort(5432);
    }

    @Override
    public boolean ownedByRefcheck() {
        return true;
    }

    @Override
    public void close() {
        container.close();
    }
}
