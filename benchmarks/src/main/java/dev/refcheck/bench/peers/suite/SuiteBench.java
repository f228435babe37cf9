package dev.refcheck.bench.peers.suite;

import dev.refcheck.bench.Stats;
import dev.refcheck.bench.peers.Chinook;
import dev.refcheck.bench.peers.Dataset;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The 100-test suite of issue 8 end to end, per tool, through the JUnit Platform Launcher: the suite starts its
 * container, loads chinook its tool's way, runs 100 tests that each write to 5 tables, and cleans up its tool's
 * way. Wall time from launch to the end of the plan.
 *
 * <pre>TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost REFCHECK_CONTAINER_IMAGE=postgres:15 \
 *   java -cp benchmarks/target/refcheck-benchmarks.jar dev.refcheck.bench.peers.suite.SuiteBench [repetitions]
 *   [chinook dir] [only=Suite1,Suite2]</pre>
 */
public final class SuiteBench {

    private static final List<Class<?>> SUITES = List.of(RawSuiteTests.class, DbSetupSuiteTests.class,
            RiderSuiteTests.class, RefcheckSuiteTests.class, RefcheckDatasetSuiteTests.class,
            RefcheckCleanSuiteTests.class);

    private SuiteBench() {
    }

    /** One CSV per table with a header, rows in an order unrelated to their keys. */
    private static void writeCsv(Connection connection, Dataset data) throws Exception {
        Path dir = Files.createDirectories(Path.of(SuiteContext.CSV_DIR));
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        for (String table : data.tables().keySet()) {
            try (Writer out = Files.newBufferedWriter(dir.resolve(table + ".csv"))) {
                copy.copyOut("COPY (SELECT * FROM " + table + " t ORDER BY md5(t::text)) TO STDOUT"
                        + " WITH (FORMAT csv, HEADER)", out);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Chinook chinook = new Chinook(Path.of(args.length > 1 ? args[1] : "extension/src/test/resources/corpus/chinook"));
        // third argument: only these suites (simple names, comma-separated), e.g. to repeat the fast ones
        List<Class<?>> suites = args.length > 2
                ? SUITES.stream().filter(s -> List.of(args[2].replace("only=", "").split(",")).contains(s.getSimpleName())).toList() : SUITES;
        try (EmbeddedPostgres staging = EmbeddedPostgres.builder().start();
             Connection connection = staging.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(chinook.schemaSql());
            statement.execute(chinook.dataSql());
            Dataset data = Chinook.read(connection);
            writeCsv(connection, data);
            SuiteContext.prepare(data, chinook.schemaSql());
            dev.refcheck.bench.peers.RiderTool.yaml(data); // made once, outside the timing
        }
        Launcher launcher = LauncherFactory.create();
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        for (int rep = 1; rep <= repetitions; rep++) {
            for (Class<?> suite : suites) {
                List<String> failures = new ArrayList<>();
                int[] passed = {0};
                long start = System.nanoTime();
                launcher.execute(LauncherDiscoveryRequestBuilder.request()
                        .selectors(DiscoverySelectors.selectClass(suite)).build(), new TestExecutionListener() {
                            @Override
                            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                                    failures.add(test.getDisplayName() + ": "
                                            + result.getThrowable().map(Throwable::toString).orElse("?"));
                                } else if (test.isTest()) {
                                    passed[0]++;
                                }
                            }
                        });
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (!failures.isEmpty() || passed[0] != SuiteContext.TESTS) {
                    throw new IllegalStateException(suite.getSimpleName() + ": " + passed[0] + " passed, failures "
                            + failures);
                }
                seconds.computeIfAbsent(suite.getSimpleName(), k -> new ArrayList<>()).add(elapsed);
                System.err.printf("rep %d %-20s %.2f s%n", rep, suite.getSimpleName(), elapsed);
            }
        }
        double raw = Stats.median(seconds.get(RawSuiteTests.class.getSimpleName()));
        System.out.printf("%d-test suite end to end (container start, load, tests, cleanup), %d repetition(s), median s%n",
                SuiteContext.TESTS, repetitions);
        System.out.println("| suite | seconds | x raw suite | runs |");
        System.out.println("|---|---|---|---|");
        seconds.forEach((suite, values) -> System.out.printf("| %s | %.2f | %.2fx | %s |%n", suite,
                Stats.median(values), Stats.median(values) / raw,
                values.stream().map(v -> String.format("%.2f", v)).reduce((a, b) -> a + " " + b).orElse("")));
    }
}
