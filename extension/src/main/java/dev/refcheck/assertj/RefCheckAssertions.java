package dev.refcheck.assertj;

import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Entry point for refcheck's assertions: FK violations, referential actions by behaviour, and the schema's FKs.
 * Soft assertions: {@link RefCheckSoftAssertions}.
 */
public final class RefCheckAssertions {

    private RefCheckAssertions() {
    }

    /** Runs {@code code} and asserts on what it threw; start with {@code .isForeignKeyViolation()} or any has*. */
    public static ForeignKeyViolationAssert assertThatForeignKeyViolation(ThrowingCallable code) {
        return new ForeignKeyViolationAssert(Assertions.catchThrowable(code));
    }

    /** Asserts on an exception already caught (a Spring, Hibernate or jOOQ wrapper is fine). */
    public static ForeignKeyViolationAssert assertThatForeignKeyViolation(Throwable thrown) {
        return new ForeignKeyViolationAssert(thrown);
    }
}
