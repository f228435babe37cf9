package dev.refcheck.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The environment layer of the configuration. A JVM cannot change its own environment, so each case runs
 * the test kit in a child JVM with the variable set, and reads back what the test case saw.
 */
class EnvironmentLayerTest {

    /** Runs {@link RefCheckExtensionTest.ConfiguredTestCase} with isolation=clean as a configuration parameter. */
    public static void main(String[] args) {
        RefCheckExtensionTest.SEEN.clear();
        var results = EngineRuns.run(Map.of("refcheck.isolation", "clean"),
                RefCheckExtensionTest.ConfiguredTestCase.class);
        List<Throwable> failures = EngineRuns.failures(results);
        System.out.println("seen=" + (failures.isEmpty() ? RefCheckExtensionTest.SEEN.get("isolation")
                : failures.get(0).getMessage()));
    }

    private static String child(Map<String, String> environment, String... jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(jvmOptions));
        command.add(EnvironmentLayerTest.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("REFCHECK_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return output.lines().filter(l -> l.startsWith("seen=")).findFirst()
                .orElseThrow(() -> new AssertionError("the child JVM printed no result:\n" + output));
    }

    @Test
    void anEnvironmentVariableBeatsTheConfigurationParameter() throws Exception {
        assertThat(child(Map.of("REFCHECK_ISOLATION", "fresh"))).isEqualTo("seen=FRESH");
    }

    @Test
    void aSystemPropertyBeatsTheEnvironmentVariable() throws Exception {
        assertThat(child(Map.of("REFCHECK_ISOLATION", "fresh"), "-Drefcheck.isolation=transaction"))
                .isEqualTo("seen=TRANSACTION");
    }

    @Test
    void aBadEnvironmentValueIsNamedWithItsVariable() throws Exception {
        assertThat(child(Map.of("REFCHECK_ISOLATION", "nightly"))).isEqualTo("seen=[refcheck.isolation] must be one"
                + " of transaction, clean, fresh, fresh_per_class, but was 'nightly' (from environment variable"
                + " REFCHECK_ISOLATION)");
    }
}
