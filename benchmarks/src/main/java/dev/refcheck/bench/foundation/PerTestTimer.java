package dev.refcheck.bench.foundation;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Times each test from JUnit's start event to its finish event: that span holds the beforeEach/afterEach
 * callbacks, parameter resolution and the body, which is exactly what a test costs a user.
 */
final class PerTestTimer implements TestExecutionListener {

    /** Milliseconds of one test: all of it, and its body alone. */
    record Sample(double totalMillis, double bodyMillis) {
    }

    final List<Sample> samples = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    private long started;

    @Override
    public void executionStarted(TestIdentifier test) {
        if (test.isTest()) {
            Probe.reset();
            started = System.nanoTime();
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            failures.add(test.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString).orElse("?"));
        }
        if (test.isTest()) {
            long total = System.nanoTime() - started;
            samples.add(new Sample(total / 1e6, Probe.bodyNanos() / 1e6));
        }
    }
}
