package dev.refcheck.jupiter;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs small {@code *TestCase} classes through the Jupiter engine, the way JUnit tests its own extensions. */
final class EngineRuns {

    private EngineRuns() {
    }

    static EngineExecutionResults run(Class<?>... testClasses) {
        return run(Map.of(), testClasses);
    }

    /**
     * {@code configuration} is the junit-platform.properties layer of the run. The test kit does not read the
     * file, so the run gets the suite's embedded provider unless {@code configuration} names another.
     */
    static EngineExecutionResults run(Map<String, String> configuration, Class<?>... testClasses) {
        Map<String, String> parameters = new HashMap<>(Map.of("refcheck.provider", "embedded"));
        parameters.putAll(configuration);
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(parameters)
                .selectors(Arrays.stream(testClasses).map(c -> selectClass(c)).toArray(ClassSelector[]::new))
                .execute();
    }

    /** Every failure of a test or a class, in order. */
    static List<Throwable> failures(EngineExecutionResults results) {
        return results.allEvents().failed().stream()
                .map(EngineRuns::throwable)
                .toList();
    }

    /** The one failure of the run, or an assertion error listing what happened instead. */
    static Throwable onlyFailure(EngineExecutionResults results) {
        List<Throwable> failures = failures(results);
        if (failures.size() != 1) {
            throw new AssertionError("expected exactly one failure, got " + failures);
        }
        return failures.get(0);
    }

    private static Throwable throwable(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .orElseThrow(() -> new AssertionError("no throwable in " + event));
    }
}
