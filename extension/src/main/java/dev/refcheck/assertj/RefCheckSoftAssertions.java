package dev.refcheck.assertj;

import java.util.function.Consumer;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;

/** Collects every failing refcheck assertion and reports them together in {@link #assertAll()}. */
public class RefCheckSoftAssertions extends AbstractSoftAssertions implements RefCheckSoftAssertionsProvider {

    /** Runs {@code softly} and then reports all failures at once. */
    public static void assertSoftly(Consumer<RefCheckSoftAssertions> softly) {
        SoftAssertionsProvider.assertSoftly(RefCheckSoftAssertions.class, softly);
    }
}
