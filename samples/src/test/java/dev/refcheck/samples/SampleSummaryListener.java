package dev.refcheck.samples;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, when the test plan finishes, one line per sample class (its display name, PASSED or FAILED, how many
 * of its tests passed) and a closing count, so the main job's output reads as a list of scenarios. Registered
 * through {@code META-INF/services}; Maven's quiet mode hides Surefire's own report, not this.
 */
public final class SampleSummaryListener implements TestExecutionListener {

    private record Tally(int passed, int failed, int skipped) {
        Tally plus(Tally other) {
            return new Tally(passed + other.passed, failed + other.failed, skipped + other.skipped);
        }
    }

    private volatile TestPlan plan;
    private final Map<String, Tally> results = new ConcurrentHashMap<>();
    private final Map<String, String> classFailures = new ConcurrentHashMap<>();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        results.clear();
        classFailures.clear();
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        topClass(identifier).ifPresent(c -> record(c, new Tally(0, 0, (int) Math.max(1, tests(identifier)))));
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        Optional<TestIdentifier> top = topClass(identifier);
        if (top.isEmpty()) {
            return;
        }
        boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
        if (identifier.isTest()) {
            record(top.get(), passed ? new Tally(1, 0, 0)
                    : result.getStatus() == TestExecutionResult.Status.ABORTED ? new Tally(0, 0, 1) : new Tally(0, 1, 0));
        } else if (!passed) {
            // a class that fails before or after its tests (schema, server) fails as a whole
            classFailures.put(top.get().getUniqueId(), result.getThrowable().map(Throwable::toString).orElse("aborted"));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        Map<String, String> lines = new TreeMap<>();
        Tally total = new Tally(0, 0, 0);
        for (TestIdentifier root : testPlan.getRoots()) {
            for (TestIdentifier sample : testPlan.getChildren(root)) {
                if (!isClass(sample)) {
                    continue;
                }
                Tally tally = results.getOrDefault(sample.getUniqueId(), new Tally(0, 0, 0));
                long all = tests(sample);
                String failure = classFailures.get(sample.getUniqueId());
                boolean ok = tally.failed() == 0 && failure == null && tally.passed() + tally.skipped() == all;
                lines.put(sample.getDisplayName(), "%-58s %s (%d of %d tests passed%s)%s".formatted(
                        sample.getDisplayName(), ok ? "PASSED" : "FAILED", tally.passed(), all,
                        tally.skipped() > 0 ? ", " + tally.skipped() + " skipped" : "",
                        failure == null ? "" : ": " + failure));
                total = total.plus(ok ? tally : new Tally(tally.passed(), (int) (all - tally.passed()), 0));
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder("\nrefcheck samples\n");
        lines.values().forEach(line -> out.append("  ").append(line).append('\n'));
        out.append("samples: ").append(total.passed()).append(" passed, ").append(total.failed()).append(" failed")
                .append(total.skipped() > 0 ? ", " + total.skipped() + " skipped" : "").append('\n');
        System.out.print(out);
        System.out.flush();
    }

    private void record(TestIdentifier sample, Tally tally) {
        results.merge(sample.getUniqueId(), tally, Tally::plus);
    }

    private long tests(TestIdentifier container) {
        return container.isTest() ? 1 : plan.getDescendants(container).stream().filter(TestIdentifier::isTest).count();
    }

    /** The top-level test class a test or container belongs to (nested classes count for their outer class). */
    private Optional<TestIdentifier> topClass(TestIdentifier identifier) {
        TestIdentifier top = null;
        for (Optional<TestIdentifier> at = Optional.of(identifier); at.isPresent(); at = plan.getParent(at.get())) {
            if (isClass(at.get())) {
                top = at.get();
            }
        }
        return Optional.ofNullable(top);
    }

    private static boolean isClass(TestIdentifier identifier) {
        return identifier.getSource().filter(ClassSource.class::isInstance).isPresent();
    }
}
