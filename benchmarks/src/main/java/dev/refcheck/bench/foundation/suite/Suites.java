package dev.refcheck.bench.foundation.suite;

/** The test classes the per-test benchmark runs through the JUnit Platform Launcher. */
public final class Suites {

    /** Tests per class; the first {@link #WARMUP} of each run are not counted (pool and JIT warm-up). */
    public static final int TESTS = 120;
    public static final int WARMUP = 10;
    /** How long each test of the *WorkTests classes spends in its body beyond its one statement. */
    public static final long WORK_MILLIS = 100;

    private Suites() {
    }
}
