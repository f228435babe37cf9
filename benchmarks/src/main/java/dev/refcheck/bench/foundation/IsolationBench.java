package dev.refcheck.bench.foundation;

import dev.refcheck.bench.Stats;
import dev.refcheck.bench.foundation.suite.RawCloneTests;
import dev.refcheck.bench.foundation.suite.RawCloneWorkTests;
import dev.refcheck.bench.foundation.suite.RawDeleteTests;
import dev.refcheck.bench.foundation.suite.RawFloorTests;
import dev.refcheck.bench.foundation.suite.RawRollbackTests;
import dev.refcheck.bench.foundation.suite.RawTruncateTests;
import dev.refcheck.bench.foundation.suite.RefcheckCleanOneTableTests;
import dev.refcheck.bench.foundation.suite.RefcheckCleanTests;
import dev.refcheck.bench.foundation.suite.RefcheckFreshTests;
import dev.refcheck.bench.foundation.suite.RefcheckFreshWorkTests;
import dev.refcheck.bench.foundation.suite.RefcheckTransactionTests;
import dev.refcheck.bench.foundation.suite.Suites;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Per-test overhead of each isolation mode against its bare baseline (issue 3, point 12), measured by running
 * real JUnit tests through the JUnit Platform Launcher: N tests per class, one class per launcher run, classes
 * alternated over rounds so that drift on a shared machine hits every row alike. refcheck reaches the very
 * server the baselines use (provider external), so the server is not a difference.
 *
 * <pre>java -cp benchmarks/target/refcheck-benchmarks.jar dev.refcheck.bench.foundation.IsolationBench [rounds]</pre>
 */
public final class IsolationBench {

    private static final List<Class<?>> CLASSES = List.of(RawFloorTests.class,
            RawRollbackTests.class, RefcheckTransactionTests.class,
            RawTruncateTests.class, RawDeleteTests.class, RefcheckCleanTests.class, RefcheckCleanOneTableTests.class,
            RawCloneTests.class, RefcheckFreshTests.class, RawCloneWorkTests.class, RefcheckFreshWorkTests.class);

    private IsolationBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        // further arguments: only=ClassA,ClassB to run some classes; key=value for server settings (profiling)
        Map<String, String> extra = new LinkedHashMap<>();
        List<Class<?>> classes = CLASSES;
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv[0].equals("only")) {
                List<String> names = List.of(kv[1].split(","));
                classes = CLASSES.stream().filter(c -> names.contains(c.getSimpleName())).toList();
            } else {
                extra.put(kv[0], kv[1]);
            }
        }
        Map<Class<?>, List<PerTestTimer.Sample>> samples = new LinkedHashMap<>();
        try (RawServer server = RawServer.start(extra)) {
            System.setProperty("refcheck.external.url", server.url("postgres"));
            System.setProperty("refcheck.external.user", "postgres");
            Launcher launcher = LauncherFactory.create();
            for (int round = 1; round <= rounds; round++) {
                for (Class<?> type : classes) {
                    PerTestTimer timer = new PerTestTimer();
                    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                            .selectors(DiscoverySelectors.selectClass(type)).build();
                    launcher.execute(request, timer);
                    if (!timer.failures.isEmpty()) {
                        throw new IllegalStateException(type.getSimpleName() + " failed: " + timer.failures);
                    }
                    List<PerTestTimer.Sample> counted = timer.samples.subList(Suites.WARMUP, timer.samples.size());
                    samples.computeIfAbsent(type, k -> new ArrayList<>()).addAll(counted);
                    System.err.printf("round %d %-28s around-body median %s ms%n", round, type.getSimpleName(),
                            Stats.ms(Stats.median(around(counted))));
                }
            }
        }
        double floor = samples.containsKey(RawFloorTests.class)
                ? Stats.median(around(samples.get(RawFloorTests.class))) : 0;
        System.out.printf("%d rounds x %d tests per class (first %d of each run not counted); JUnit floor %s ms%n",
                rounds, Suites.TESTS, Suites.WARMUP, Stats.ms(floor));
        System.out.println("| class | body median | total median | around body: median | p90 | minus JUnit floor |");
        System.out.println("|---|---|---|---|---|---|");
        samples.forEach((type, list) -> {
            List<Double> around = around(list);
            System.out.printf("| %s | %s | %s | %s | %s | %s |%n", type.getSimpleName(),
                    Stats.ms(Stats.median(list.stream().map(PerTestTimer.Sample::bodyMillis).toList())),
                    Stats.ms(Stats.median(list.stream().map(PerTestTimer.Sample::totalMillis).toList())),
                    Stats.ms(Stats.median(around)), Stats.ms(Stats.percentile(around, 90)),
                    Stats.ms(Stats.median(around) - floor));
        });
    }

    private static List<Double> around(List<PerTestTimer.Sample> samples) {
        return samples.stream().map(s -> s.totalMillis() - s.bodyMillis()).toList();
    }
}
