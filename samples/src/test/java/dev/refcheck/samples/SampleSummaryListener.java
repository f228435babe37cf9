package dev.refcheck.samples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, when the test plan finishes, one line per sample class (its display name, PASSED or FAILED, how many
 * of its tests passed) and a closing count, so the main job's output reads as the list of scenarios. Registered
 * in {@code META-INF/services}; it prints to standard output, which Maven's {@code -q} does not hide.
 */
public final class SampleSummaryListener implements TestExecutionListener {

    /** What happened to one sample class: its tests by outcome, and why the class itself failed, if it did. */
    private static final class Tally {
        int passed;
        int failed;
        int skipped;
        String classFailure;
    }

    private final PrintStream out;
    private volatile TestPlan plan;
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

    /** As the JUnit Platform creates it (ServiceLoader): prints to standard output. */
    public SampleSummaryListener() {
        this(System.out);
    }

    SampleSummaryListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        tallies.clear();
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        sampleOf(identifier).ifPresent(sample -> {
            Tally tally = tally(sample);
            synchronized (tally) {
                tally.skipped += identifier.isTest() ? 1 : testsUnder(identifier);
            }
        });
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        sampleOf(identifier).ifPresent(sample -> {
            Tally tally = tally(sample);
            synchronized (tally) {
                if (identifier.isTest()) {
                    switch (result.getStatus()) {
                        case SUCCESSFUL -> tally.passed++;
                        case ABORTED -> tally.skipped++;
                        case FAILED -> tally.failed++;
                    }
                } else if (result.getStatus() == Status.FAILED && tally.classFailure == null) {
                    // the class failed around its tests (schema, server, @AfterAll): it fails as a whole
                    tally.classFailure = result.getThrowable().map(Throwable::toString).orElse("failed");
                }
            }
        });
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        List<TestIdentifier> samples = new ArrayList<>();
        testPlan.getRoots().forEach(root -> testPlan.getChildren(root).stream()
                .filter(SampleSummaryListener::isClass).forEach(samples::add));
        if (samples.isEmpty()) {
            return;
        }
        samples.sort(Comparator.comparing(TestIdentifier::getDisplayName));
        int width = samples.stream().mapToInt(s -> s.getDisplayName().length()).max().orElse(0);
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        StringBuilder report = new StringBuilder(System.lineSeparator()).append("refcheck samples")
                .append(System.lineSeparator());
        for (TestIdentifier sample : samples) {
            Tally tally = tallies.getOrDefault(sample.getUniqueId(), new Tally());
            long tests = testsUnder(sample);
            boolean ok = tally.failed == 0 && tally.classFailure == null && tally.passed + tally.skipped == tests;
            report.append("  ").append(String.format("%-" + width + "s", sample.getDisplayName()))
                    .append(ok ? "  PASSED" : "  FAILED")
                    .append(" (").append(tally.passed).append(" of ").append(tests).append(" tests passed")
                    .append(tally.skipped > 0 ? ", " + tally.skipped + " skipped" : "").append(')')
                    .append(tally.classFailure == null ? "" : ": " + tally.classFailure)
                    .append(System.lineSeparator());
            passed += tally.passed;
            // in a failed class, a test that did not pass counts as failed, whatever stopped it
            failed += ok ? 0 : (int) (tests - tally.passed);
            skipped += ok ? tally.skipped : 0;
        }
        // the plain closing line that CI reads: "N passed, N failed"
        report.append("samples: ").append(passed).append(" passed, ").append(failed).append(" failed")
                .append(skipped > 0 ? ", " + skipped + " skipped" : "").append(System.lineSeparator());
        out.print(report);
        out.flush();
    }

    private Tally tally(TestIdentifier sample) {
        return tallies.computeIfAbsent(sample.getUniqueId(), id -> new Tally());
    }

    private long testsUnder(TestIdentifier container) {
        return plan.getDescendants(container).stream().filter(TestIdentifier::isTest).count();
    }

    /** The top-level class a test or container belongs to; a {@code @Nested} class counts for its outer class. */
    private Optional<TestIdentifier> sampleOf(TestIdentifier identifier) {
        TestIdentifier sample = null;
        for (Optional<TestIdentifier> at = Optional.of(identifier); at.isPresent(); at = plan.getParent(at.get())) {
            if (isClass(at.get())) {
                sample = at.get();
            }
        }
        return Optional.ofNullable(sample);
    }

    private static boolean isClass(TestIdentifier identifier) {
        return identifier.getSource().filter(ClassSource.class::isInstance).isPresent();
    }
}
