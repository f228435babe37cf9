package dev.refcheck.assertj;

import org.assertj.core.api.Assertions;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * refcheck's assertions, collected softly. Implement it next to AssertJ's own providers to mix both in one
 * object, e.g. {@code class Softly extends SoftAssertions implements RefCheckSoftAssertionsProvider {}}.
 */
public interface RefCheckSoftAssertionsProvider extends SoftAssertionsProvider {

    default ForeignKeyViolationAssert assertThatForeignKeyViolation(ThrowingCallable code) {
        return proxy(ForeignKeyViolationAssert.class, Throwable.class, Assertions.catchThrowable(code));
    }

    default ForeignKeyViolationAssert assertThatForeignKeyViolation(Throwable thrown) {
        return proxy(ForeignKeyViolationAssert.class, Throwable.class, thrown);
    }
}
