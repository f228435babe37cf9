package dev.refcheck.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The summary the main job prints, checked on small classes run by a launcher of their own. The {@code *Case}
 * classes are static nested classes, so Surefire does not run them by themselves; some fail on purpose.
 */
@DisplayName("Summary listener: one line per sample")
class SampleSummaryListenerTest {

    @Test
    void reportsEachClassAndClosesWithTheCounts() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(request().selectors(selectClass(PassingCase.class), selectClass(HalfFailingCase.class),
                                selectClass(BrokenCase.class)).build(),
                        new SampleSummaryListener(new PrintStream(printed, true, StandardCharsets.UTF_8)));

        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsSubsequence(
                "refcheck samples",
                "  A. all pass     PASSED (3 of 4 tests passed, 1 skipped)",
                "  B. half fail    FAILED (1 of 2 tests passed)",
                "  C. broken case  FAILED (0 of 1 tests passed): java.lang.IllegalStateException: no server",
                "samples: 4 passed, 2 failed, 1 skipped");
    }

    @DisplayName("A. all pass")
    static class PassingCase {
        @Test
        void one() {
        }

        @Test
        void two() {
        }

        @Test
        @Disabled("to count a skipped test")
        void skipped() {
        }

        @Nested
        class Inner {
            @Test
            void countsForTheOuterClass() {
            }
        }
    }

    @DisplayName("B. half fail")
    static class HalfFailingCase {
        @Test
        void passes() {
        }

        @Test
        void fails() {
            fail("on purpose");
        }
    }

    @DisplayName("C. broken case")
    static class BrokenCase {
        @BeforeAll
        static void noServer() {
            throw new IllegalStateException("no server");
        }

        @Test
        void neverRuns() {
        }
    }
}
