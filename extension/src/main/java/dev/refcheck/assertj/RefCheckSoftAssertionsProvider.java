package dev.refcheck.assertj;

import dev.refcheck.postgres.TestDatabase;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * refcheck's assertions, collected softly. Implement it next to AssertJ's own providers to mix both in one
 * object, e.g. {@code class Softly extends SoftAssertions implements RefCheckSoftAssertionsProvider {}}.
 * {@link ForeignKeyAssert#whenParentDeleted} returns a plain (hard) assert: softly, use
 * {@link #assertThatParentDeleted} and {@link #assertThatParentKeyUpdated}.
 */
public interface RefCheckSoftAssertionsProvider extends SoftAssertionsProvider {

    default ForeignKeyViolationAssert assertThatForeignKeyViolation(ThrowingCallable code) {
        return proxy(ForeignKeyViolationAssert.class, Throwable.class, Assertions.catchThrowable(code));
    }

    default ForeignKeyViolationAssert assertThatForeignKeyViolation(Throwable thrown) {
        return proxy(ForeignKeyViolationAssert.class, Throwable.class, thrown);
    }

    default ForeignKeyAssert assertThatForeignKey(TestDatabase database, String constraint) {
        return proxy(ForeignKeyAssert.class, ForeignKeyInDatabase.class, ForeignKeyInDatabase.named(
                Catalogs.read(database.connection()), database.connection(), constraint));
    }

    default ReferentialActionAssert assertThatParentDeleted(TestDatabase database, String constraint,
                                                            Object... key) {
        return proxy(ReferentialActionAssert.class, ParentChange.class,
                RefCheckAssertions.parentDeleted(database.connection(), constraint, key));
    }

    default ReferentialActionAssert assertThatParentKeyUpdated(TestDatabase database, String constraint,
                                                               Object from, Object to) {
        return proxy(ReferentialActionAssert.class, ParentChange.class,
                RefCheckAssertions.parentKeyUpdated(database.connection(), constraint, List.of(from), List.of(to)));
    }

    default ReferentialActionAssert assertThatParentKeyUpdated(TestDatabase database, String constraint,
                                                               List<?> from, List<?> to) {
        return proxy(ReferentialActionAssert.class, ParentChange.class,
                RefCheckAssertions.parentKeyUpdated(database.connection(), constraint, from, to));
    }

    default SchemaAssert assertThatSchema(TestDatabase database) {
        return proxy(SchemaAssert.class, SchemaInDatabase.class,
                new SchemaInDatabase(Catalogs.read(database.connection()), database.connection()));
    }
}
