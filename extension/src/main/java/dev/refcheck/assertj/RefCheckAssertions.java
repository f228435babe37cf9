package dev.refcheck.assertj;

import dev.refcheck.orphans.OrphansAssert;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Entry point for refcheck's assertions: FK violations, referential actions by behaviour, and the schema's FKs.
 * Soft assertions: {@link RefCheckSoftAssertions}.
 *
 * <pre>{@code
 * assertThatForeignKeyViolation(() -> orders.delete(customerId))
 *         .using(database)
 *         .isParentStillReferenced()
 *         .hasConstraint("order_customer_id_fkey")
 *         .hasReferencingTable("order")      // PostgreSQL names the child even when the parent was deleted
 *         .hasReferencedTable("customer");
 *
 * assertThatForeignKey(database, "order_line_order_id_fkey").whenParentDeleted(42).cascades();
 * assertThatSchema(database).hasOnlyLoadableCycles();
 * }</pre>
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

    /** The FK with this constraint name; fails listing the FKs there are if none or several have it. */
    public static ForeignKeyAssert assertThatForeignKey(TestDatabase database, String constraint) {
        return assertThatForeignKey(database.connection(), constraint);
    }

    public static ForeignKeyAssert assertThatForeignKey(Connection connection, String constraint) {
        return new ForeignKeyAssert(ForeignKeyInDatabase.named(Catalogs.read(connection), connection, constraint));
    }

    /** The one FK from {@code childTable} to {@code parentTable} ({@code name} or {@code schema.name}). */
    public static ForeignKeyAssert assertThatForeignKey(TestDatabase database, String childTable,
                                                        String parentTable) {
        return assertThatForeignKey(database.connection(), childTable, parentTable);
    }

    public static ForeignKeyAssert assertThatForeignKey(Connection connection, String childTable,
                                                        String parentTable) {
        return new ForeignKeyAssert(ForeignKeyInDatabase.between(Catalogs.read(connection), connection, childTable,
                parentTable));
    }

    /** Shortcut for {@code assertThatForeignKey(database, constraint).whenParentDeleted(key)}. */
    public static ReferentialActionAssert assertThatParentDeleted(TestDatabase database, String constraint,
                                                                  Object... key) {
        return new ReferentialActionAssert(parentDeleted(database.connection(), constraint, key));
    }

    public static ReferentialActionAssert assertThatParentDeleted(Connection connection, String constraint,
                                                                  Object... key) {
        return new ReferentialActionAssert(parentDeleted(connection, constraint, key));
    }

    /** Shortcut for {@code assertThatForeignKey(database, constraint).whenParentKeyUpdated(from, to)}. */
    public static ReferentialActionAssert assertThatParentKeyUpdated(TestDatabase database, String constraint,
                                                                     Object from, Object to) {
        return assertThatParentKeyUpdated(database.connection(), constraint, List.of(from), List.of(to));
    }

    /** The same for a composite key: one value per column, e.g. {@code List.of(1, "9Z")}. */
    public static ReferentialActionAssert assertThatParentKeyUpdated(TestDatabase database, String constraint,
                                                                     List<?> from, List<?> to) {
        return assertThatParentKeyUpdated(database.connection(), constraint, from, to);
    }

    public static ReferentialActionAssert assertThatParentKeyUpdated(Connection connection, String constraint,
                                                                     Object from, Object to) {
        return assertThatParentKeyUpdated(connection, constraint, List.of(from), List.of(to));
    }

    public static ReferentialActionAssert assertThatParentKeyUpdated(Connection connection, String constraint,
                                                                     List<?> from, List<?> to) {
        return new ReferentialActionAssert(parentKeyUpdated(connection, constraint, from, to));
    }

    /** The schema's FKs as a whole: has a FK to, cycles. */
    public static SchemaAssert assertThatSchema(TestDatabase database) {
        return assertThatSchema(database.connection());
    }

    public static SchemaAssert assertThatSchema(Connection connection) {
        return new SchemaAssert(new SchemaInDatabase(Catalogs.read(connection), connection));
    }

    /**
     * The orphans of the test's database: {@code assertThatDatabase(database).hasNoOrphans()}. Audits every FK
     * through the test's own connection (so inside a TRANSACTION test's transaction).
     */
    public static OrphansAssert assertThatDatabase(TestDatabase database) {
        return new OrphansAssert(database.connection(), database.name());
    }

    /** The orphans of the database of {@code connection}, as that connection sees it. */
    public static OrphansAssert assertThatDatabase(Connection connection) {
        return new OrphansAssert(connection, null);
    }

    static ParentChange parentDeleted(Connection connection, String constraint, Object... key) {
        return ParentChange.delete(connection, fk(connection, constraint).foreignKey(), key);
    }

    static ParentChange parentKeyUpdated(Connection connection, String constraint, List<?> from, List<?> to) {
        return ParentChange.update(connection, fk(connection, constraint).foreignKey(), from, to);
    }

    private static ForeignKeyInDatabase fk(Connection connection, String constraint) {
        return ForeignKeyInDatabase.named(Catalogs.read(connection), connection, constraint);
    }
}
