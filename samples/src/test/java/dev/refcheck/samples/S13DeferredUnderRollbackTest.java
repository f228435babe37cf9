package dev.refcheck.samples;

import static dev.refcheck.samples.Jdbc.column;
import static dev.refcheck.samples.Jdbc.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.refcheck.jupiter.RefCheck;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * In production: a service saves a player for a team that does not exist. The FK is DEFERRABLE INITIALLY
 * DEFERRED, so nothing fails until COMMIT, and production fails there. A test that rolls back instead of
 * committing never runs the check, so it passes and the bug ships. refcheck runs the deferred checks before it
 * rolls back and fails such a test with the violation. Below, {@code ServiceTestCase} is that test, run through
 * JUnit's test kit so this sample can show its failure.
 */
@DisplayName("13. A deferred FK under a rolled-back test: the trap and the catch")
class S13DeferredUnderRollbackTest {

    @Test
    void refcheckFailsTheTestThatARollbackWouldLetPass() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(ServiceTestCase.class))
                .configurationParameter("refcheck.provider", "embedded") // the test kit ignores the properties file
                .execute().testEvents();

        tests.assertStatistics(stats -> stats.started(1).failed(1));
        Throwable failure = tests.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(failure).hasMessageContaining("would fail at COMMIT")
                .hasMessageContaining("player_team_fk").hasMessageContaining("Key (team_id)=(42)");
    }

    /** A test as it is often written: the service's insert and a check, no commit. */
    @RefCheck(schema = "classpath:samples/deferrable-cycle.sql")
    static class ServiceTestCase {

        @Test
        void savesAPlayer(Connection connection) throws SQLException {
            execute(connection, "INSERT INTO player VALUES (1, 'Ada', 42)"); // there is no team 42
            assertThat(column(connection, "SELECT count(*) FROM player")).containsExactly("1");
        }
    }
}
