package dev.refcheck.jupiter;

import static dev.refcheck.Queries.rows;
import static dev.refcheck.jupiter.EngineRuns.failures;
import static dev.refcheck.jupiter.EngineRuns.onlyFailure;
import static dev.refcheck.jupiter.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refcheck.postgres.ServerSpec;
import dev.refcheck.postgres.ServerStartException;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The container provider for real. Skipped where Docker does not answer, except where
 * {@code REFCHECK_REQUIRE_DOCKER=true} (CI): there a missing Docker fails, so the path is never silently untested.
 * The image is {@code REFCHECK_CONTAINER_IMAGE} (CI builds postgres:15 locally), else refcheck's default.
 */
class ContainerProviderTest {

    static final String IMAGE = Stream.of(System.getenv("REFCHECK_CONTAINER_IMAGE"),
                    System.getenv("REFCHECK_TEST_POSTGRES_IMAGE"))
            .filter(v -> v != null && !v.isBlank()).findFirst().orElse(ServerSpec.DEFAULT_IMAGE);

    @BeforeAll
    static void dockerAnswers() {
        String why;
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return;
            }
            why = "no Docker environment answered";
        } catch (RuntimeException e) {
            why = "the Docker check failed: " + e.getMessage(); // e.g. Ryuk's image cannot be pulled
        }
        if ("true".equalsIgnoreCase(System.getenv("REFCHECK_REQUIRE_DOCKER"))) {
            Assertions.fail("REFCHECK_REQUIRE_DOCKER=true but " + why + ", so the container provider cannot be"
                    + " tested: start Docker (see .ci/run) or unset REFCHECK_REQUIRE_DOCKER");
        }
        Assumptions.abort("Docker does not answer (" + why + "): the container provider is tested where it does;"
                + " REFCHECK_REQUIRE_DOCKER=true makes this a failure");
    }

    @BeforeEach
    void forget() {
        RefCheckExtensionTest.SEEN.clear();
    }

    @RefCheck(schema = "classpath:db/shop.sql")
    static class ContainerTestCase {
        @Test
        void test(TestDatabase database, Connection connection) throws SQLException {
            IsolationTest.writeEverything(connection);
            RefCheckExtensionTest.see("database", database.toString());
            RefCheckExtensionTest.see("url", database.jdbcUrl());
            RefCheckExtensionTest.see("password", String.valueOf(database.password()));
            RefCheckExtensionTest.see("fsync", rows(connection, "SHOW fsync"));
        }
    }

    @Test
    void theContainerProviderRunsTestsOnTheConfiguredImageAndStopsItAfterwards() {
        var run = CapturedOutput.capture(() -> run(Map.of("refcheck.provider", "container",
                "refcheck.container.image", IMAGE), ContainerTestCase.class));

        assertThat(failures(run.value())).isEmpty();
        run.value().testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat((String) RefCheckExtensionTest.SEEN.get("database")).contains("container " + IMAGE + " on port");
        assertThat(RefCheckExtensionTest.SEEN).containsEntry("fsync", "off");
        assertThat(run.output()).contains("refcheck: using container " + IMAGE)
                .contains("provider container configured")
                .doesNotContain((String) RefCheckExtensionTest.SEEN.get("password"));
        String url = (String) RefCheckExtensionTest.SEEN.get("url");
        assertThatThrownBy(() -> DriverManager.getConnection(url + "?connectTimeout=2", "postgres",
                (String) RefCheckExtensionTest.SEEN.get("password")).close())
                .as("the container is gone once the test plan ends").isInstanceOf(SQLException.class);
    }

    @Test
    void autoPicksTheContainerWhenDockerAnswersAndSaysWhy() {
        var run = CapturedOutput.capture(() -> run(Map.of("refcheck.provider", "auto",
                "refcheck.container.image", IMAGE), ContainerTestCase.class));

        assertThat(failures(run.value())).isEmpty();
        assertThat(run.output()).containsPattern("refcheck: using container " + IMAGE.replace(".", "\\.")
                + " on port \\d+ \\(started in \\d+ ms; provider auto: Docker answered\\)");
    }

    private static final String NO_SUCH_IMAGE = "refcheck.invalid/no-such-postgres:0";

    @Test
    void anImageThatDoesNotExistIsNamedInTheMessage() {
        // a system property, because CI's REFCHECK_CONTAINER_IMAGE outranks a configuration parameter
        Throwable failure = RefCheckExtensionTest.withSystemProperty("refcheck.container.image", NO_SUCH_IMAGE,
                () -> onlyFailure(run(Map.of("refcheck.provider", "container"), ContainerTestCase.class)));

        assertThat(failure).isInstanceOf(ServerStartException.class)
                .hasMessageStartingWith("refcheck could not start PostgreSQL (provider container). Tried:\n"
                        + "  - container (" + NO_SUCH_IMAGE + "): ")
                .hasMessageContaining("  - container (" + NO_SUCH_IMAGE + "): image " + NO_SUCH_IMAGE + " is not on this"
                        + " Docker host and could not be pulled; check the name (docker pull " + NO_SUCH_IMAGE + ")"
                        + " or set refcheck.container.image to an image you have\n")
                .hasMessageEndingWith("or name a server you run with refcheck.provider=external and"
                        + " refcheck.external.url / .user / .password.");
    }

    @Test
    void autoFallsBackToEmbeddedWhenTheContainerCannotStartAndLogsWhy() {
        var run = CapturedOutput.capture(() -> RefCheckExtensionTest.withSystemProperty("refcheck.container.image",
                NO_SUCH_IMAGE, () -> run(Map.of("refcheck.provider", "auto"), ContainerTestCase.class)));

        assertThat(failures(run.value())).isEmpty();
        assertThat((String) RefCheckExtensionTest.SEEN.get("database")).contains("embedded PostgreSQL");
        assertThat(run.output()).contains("refcheck: container (" + NO_SUCH_IMAGE + ") could not start: ")
                .containsPattern("refcheck: using embedded PostgreSQL .* \\(started in \\d+ ms; provider auto:"
                        + " container \\(" + NO_SUCH_IMAGE.replace(".", "\\.") + "\\) failed: ");
    }

    /** Kills the container that publishes the port of the test's database, as a crash or an OOM kill would. */
    static void killTheContainer(TestDatabase database) {
        int port = Integer.parseInt(database.jdbcUrl().replaceAll("^jdbc:postgresql://[^:]+:(\\d+)/.*$", "$1"));
        var docker = DockerClientFactory.instance().client();
        String id = docker.listContainersCmd().exec().stream()
                .filter(c -> java.util.Arrays.stream(c.getPorts()).anyMatch(p -> p.getPublicPort() != null
                        && p.getPublicPort() == port))
                .findFirst().orElseThrow().getId();
        docker.killContainerCmd(id).exec();
    }

    @RefCheck(schema = "classpath:db/shop.sql")
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
    static class ContainerKilledTestCase {
        @Test
        @org.junit.jupiter.api.Order(1)
        void killsTheContainer(TestDatabase database, Connection connection) throws SQLException {
            IsolationTest.assertPristine(connection);
            killTheContainer(database);
        }

        @Test
        @org.junit.jupiter.api.Order(2)
        void comesAfter(Connection connection) {
        }
    }

    @Test
    void aKilledContainerFailsTheTestsWithAnInfrastructureErrorAndNothingHangs() {
        var results = Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(90),
                () -> run(Map.of("refcheck.provider", "container", "refcheck.container.image", IMAGE),
                        ContainerKilledTestCase.class));

        results.testEvents().assertStatistics(s -> s.failed(2));
        assertThat(failures(results)).hasSize(2).allSatisfy(f -> assertThat(f)
                .isInstanceOf(dev.refcheck.postgres.ServerLostException.class)
                .hasMessageStartingWith("refcheck lost its PostgreSQL server (container " + IMAGE + " on port ")
                .hasMessageContaining("This is an infrastructure failure, not a test failure"));
        assertThat(failures(results).get(0)).hasMessageContaining("while ending ContainerKilledTestCase.killsTheContainer");
    }
}
