package dev.refcheck.bench.foundation;

import dev.refcheck.bench.Stats;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-to-first-test of each provider against the raw provider (issue 3, point 12): every measurement is the
 * first start in a fresh JVM (the slowest, and what a test run pays), modes interleaved per repetition; each
 * JVM then starts a second time, reported apart. The external server is a zonky instance this harness starts.
 *
 * <pre>TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost REFCHECK_CONTAINER_IMAGE=postgres:15 \
 *   java -cp benchmarks/target/refcheck-benchmarks.jar dev.refcheck.bench.foundation.StartupBench [repetitions] [modes]</pre>
 */
public final class StartupBench {

    private static final List<String> MODES = List.of("zonky", "zonky-fast", "zonky-schema", "refcheck-embedded",
            "refcheck-embedded-cached",
            "testcontainers", "refcheck-container", "jdbc-external", "jdbc-external-schema", "refcheck-external");

    private static final String[] STEPS = {"Cluster.start", "template (CREATE DATABASE + schema + baseline)",
        "Session.begin (pool clone: CREATE DATABASE ... TEMPLATE)", "first query (connect + SELECT)"};

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> modes = args.length > 1 ? List.of(args[1].split(",")) : MODES;
        Map<String, List<Double>> first = new LinkedHashMap<>();
        Map<String, List<Double>> second = new LinkedHashMap<>();
        Map<String, List<Double>> sinceJvm = new LinkedHashMap<>();
        Map<String, List<Double>> process = new LinkedHashMap<>();
        Map<String, List<Double>> steps = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        try (RawServer external = RawServer.start(Map.of())) {
            String url = external.url("postgres");
            if (modes.contains("refcheck-embedded-cached")) {
                // the cached mode measures a warm start: one untimed run first fills the cache (if it is empty)
                Process fill = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                        StartupProbe.class.getName(), "refcheck-embedded-cached", "1", url)
                        .redirectErrorStream(true).redirectOutput(log("refcheck-embedded-cached", 0)).start();
                if (fill.waitFor() != 0) {
                    failures.add("the cache-filling run of refcheck-embedded-cached exited with " + fill.exitValue());
                }
            }
            for (int rep = 1; rep <= repetitions; rep++) {
                for (String mode : modes) {
                    long spawned = System.nanoTime();
                    Process child = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                            StartupProbe.class.getName(), mode, "2", url)
                            .redirectError(log(mode, rep)).start();
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = out.readLine()) != null) {
                            String[] f = line.split(" ");
                            if (f[0].equals("STEP") && f[2].equals("1")) {
                                for (int i = 0; i < STEPS.length; i++) {
                                    steps.computeIfAbsent(mode + " " + STEPS[i], k -> new ArrayList<>())
                                            .add(Double.parseDouble(f[3 + i]));
                                }
                            }
                            if (!f[0].equals("RESULT")) {
                                continue;
                            }
                            double ms = Double.parseDouble(f[3]);
                            if (f[2].equals("1")) {
                                first.computeIfAbsent(mode, k -> new ArrayList<>()).add(ms);
                                sinceJvm.computeIfAbsent(mode, k -> new ArrayList<>()).add(Double.parseDouble(f[4]));
                                process.computeIfAbsent(mode, k -> new ArrayList<>())
                                        .add((System.nanoTime() - spawned) / 1e6);
                            } else {
                                second.computeIfAbsent(mode, k -> new ArrayList<>()).add(ms);
                            }
                        }
                    }
                    if (child.waitFor() != 0) {
                        // a start that fails on a loaded machine is reported, not hidden, and the run goes on
                        failures.add(mode + " rep " + rep + " exited with " + child.exitValue() + ", see "
                                + log(mode, rep).file());
                        continue;
                    }
                    System.err.printf("rep %d %-20s first %s ms%n", rep, mode, Stats.ms(last(first.getOrDefault(mode, List.of()))));
                }
            }
        }
        System.out.println("| mode | first start in a fresh JVM: median | runs | since JVM start | spawn to result"
                + " | second start, same JVM |");
        System.out.println("|---|---|---|---|---|---|");
        for (String mode : modes) {
            System.out.printf("| %s | %s | %s | %s | %s | %s |%n", mode, Stats.ms(Stats.median(first.getOrDefault(mode, List.of()))),
                    Stats.all(first.getOrDefault(mode, List.of())), Stats.ms(Stats.median(sinceJvm.getOrDefault(mode, List.of()))),
                    Stats.ms(Stats.median(process.getOrDefault(mode, List.of()))), Stats.ms(Stats.median(second.getOrDefault(mode, List.of()))));
        }
        failures.forEach(f -> System.out.println("FAILED: " + f));
        System.out.println("| refcheck step, first start | median ms | runs |");
        System.out.println("|---|---|---|");
        steps.forEach((step, values) -> System.out.printf("| %s | %s | %s |%n", step, Stats.ms(Stats.median(values)),
                Stats.all(values)));
        for (String[] pair : new String[][] {{"refcheck-embedded", "zonky"},
                {"refcheck-embedded-cached", "zonky"}, {"refcheck-embedded-cached", "zonky-fast"}, {"refcheck-container", "testcontainers"},
                {"refcheck-external", "jdbc-external"},
                {"refcheck-embedded", "zonky-schema"}, {"refcheck-embedded", "zonky-fast"}, {"refcheck-external", "jdbc-external-schema"}}) {
            if (first.containsKey(pair[0]) && first.containsKey(pair[1])) {
                System.out.printf("%s / %s = %.2fx (first start), %.2fx (second start)%n", pair[0], pair[1],
                        Stats.median(first.get(pair[0])) / Stats.median(first.get(pair[1])),
                        Stats.median(second.getOrDefault(pair[0], List.of())) / Stats.median(second.getOrDefault(pair[1], List.of())));
            }
        }
    }

    private static ProcessBuilder.Redirect log(String mode, int rep) {
        return ProcessBuilder.Redirect.to(new File(System.getProperty("java.io.tmpdir"),
                "refcheck-startup-" + mode + "-" + rep + ".log"));
    }

    private static double last(List<Double> values) {
        return values == null || values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
    }

    private static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
