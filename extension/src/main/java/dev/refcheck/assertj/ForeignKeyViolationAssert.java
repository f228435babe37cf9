package dev.refcheck.assertj;

import static dev.refcheck.assertj.ShouldBeForeignKeyViolation.shouldBeForeignKeyViolation;
import static dev.refcheck.assertj.ShouldBeForeignKeyViolation.shouldHaveRaisedForeignKeyViolation;
import static dev.refcheck.assertj.ShouldHaveViolated.shouldHaveViolated;

import dev.refcheck.postgres.TestDatabase;
import dev.refcheck.schema.ForeignKey;
import dev.refcheck.schema.ForeignKeyCatalog;
import dev.refcheck.schema.TableRef;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what a statement threw: a FK violation, and which one. The actual value is the throwable caught
 * (null when the code threw nothing). Give it the database with {@link #using(TestDatabase)} and the referenced
 * table and the FK's columns come from the catalog instead of the message text.
 */
public class ForeignKeyViolationAssert extends AbstractAssert<ForeignKeyViolationAssert, Throwable> {

    private ForeignKeyCatalog catalog;

    public ForeignKeyViolationAssert(Throwable actual) {
        super(actual, ForeignKeyViolationAssert.class);
    }

    /** Resolve the violated FK in this database's catalog (the referenced table, schema-qualified). */
    public ForeignKeyViolationAssert using(TestDatabase database) {
        return using(database.catalog());
    }

    /** Resolve the violated FK in the catalog read through this connection. */
    public ForeignKeyViolationAssert using(Connection connection) {
        return using(Catalogs.read(connection));
    }

    public ForeignKeyViolationAssert using(ForeignKeyCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        return myself;
    }

    /** The code raised SQLSTATE 23503, directly or somewhere in its causes or batch chain. */
    public ForeignKeyViolationAssert isForeignKeyViolation() {
        violation();
        return myself;
    }

    public ForeignKeyViolationAssert hasConstraint(String constraint) {
        ForeignKeyViolation violation = violation();
        if (!constraint.equals(violation.constraint())) {
            throw failure("constraint", quote(constraint), quote(violation.constraint()), "", violation);
        }
        return myself;
    }

    /**
     * The referencing (child) table, as PostgreSQL's table field gives it: {@code order_line} or
     * {@code sales.order_line}. For a deleted or updated parent this is still the child table. When PostgreSQL
     * reports a partition, the partitioned table the FK is declared on matches too (after {@code using(...)}).
     */
    public ForeignKeyViolationAssert hasReferencingTable(String table) {
        ForeignKeyViolation violation = violation();
        TableRef actual = new TableRef(violation.schema(), violation.referencingTable());
        Optional<TableRef> declared = declaredOn(violation);
        if (!Tables.matches(table, actual) && !declared.map(d -> Tables.matches(table, d)).orElse(false)) {
            String note = "";
            boolean namesTheParent = referenced(violation).map(parent -> Tables.matches(table, parent))
                    .orElse(TableRef.parse(table).name().equals(violation.tableInDetail()));
            if (violation.kind() == ForeignKeyViolation.Kind.PARENT_STILL_REFERENCED && namesTheParent) {
                note = "PostgreSQL reports the referencing (child) table even when the statement deleted or updated"
                        + " the parent; " + table + " is the referenced table here: use hasReferencedTable(\""
                        + table + "\").";
            }
            throw failure("referencing table", table, actual + declared.map(d -> ", a partition of " + d)
                    .orElse(""), note, violation);
        }
        return myself;
    }

    /** The referenced (parent) table: from the catalog after {@code using(...)}, else from the message text. */
    public ForeignKeyViolationAssert hasReferencedTable(String table) {
        ForeignKeyViolation violation = violation();
        Optional<TableRef> parent = referenced(violation);
        boolean same = parent.map(p -> Tables.matches(table, p))
                .orElse(TableRef.parse(table).name().equals(violation.tableInDetail()));
        if (!same) {
            String actual = parent.map(TableRef::toString).orElse(String.valueOf(violation.tableInDetail()));
            String note = "";
            if (Tables.matches(table, new TableRef(violation.schema(), violation.referencingTable()))) {
                note = table + " is the referencing (child) table of this FK: use hasReferencingTable(\"" + table
                        + "\").";
            }
            throw failure("referenced table", table, actual, note, violation);
        }
        return myself;
    }

    /**
     * The key columns of the detail line: the child's FK columns when a child row points to a missing parent,
     * the parent's key columns when a referenced parent was deleted or changed.
     */
    public ForeignKeyViolationAssert hasKeyColumns(String... columns) {
        ForeignKeyViolation violation = violation();
        if (!violation.keyColumns().equals(Arrays.asList(columns))) {
            throw failure("key columns", "(" + String.join(", ", columns) + ")",
                    violation.keyValues() == null ? noKey(violation)
                            : "(" + String.join(", ", violation.keyColumns()) + ")", "", violation);
        }
        return myself;
    }

    /** The key values, compared as PostgreSQL prints them ({@code 42}, {@code FR}, {@code 2024-01-31}). */
    public ForeignKeyViolationAssert hasKeyValues(Object... values) {
        ForeignKeyViolation violation = violation();
        String expected = Arrays.stream(values).map(String::valueOf).collect(Collectors.joining(", "));
        if (!expected.equals(violation.keyValues())) {
            throw failure("key values", "(" + expected + ")", violation.keyValues() == null
                    ? noKey(violation) : "(" + violation.keyValues() + ")", "", violation);
        }
        return myself;
    }

    /**
     * A MATCH FULL FK refused the written row because its key is partly null (some columns null, some not).
     * PostgreSQL shows no key values then, so this replaces {@link #hasKeyValues(Object...)}.
     */
    public ForeignKeyViolationAssert hasPartlyNullKey() {
        ForeignKeyViolation violation = violation();
        if (!violation.partlyNullKey()) {
            throw failure("key", "partly null, refused by MATCH FULL", violation.keyValues() == null
                    ? noKey(violation) : key(violation), "", violation);
        }
        return myself;
    }

    /** The failing statement inserted or updated a child row whose parent does not exist. */
    public ForeignKeyViolationAssert isMissingParent() {
        return hasKind(ForeignKeyViolation.Kind.MISSING_PARENT);
    }

    /** The failing statement deleted a parent row, or changed its key, while child rows still referenced it. */
    public ForeignKeyViolationAssert isParentStillReferenced() {
        return hasKind(ForeignKeyViolation.Kind.PARENT_STILL_REFERENCED);
    }

    /** The violation is of this FK (same constraint name on the same referencing table). */
    public ForeignKeyViolationAssert isViolationOf(ForeignKey foreignKey) {
        ForeignKeyViolation violation = violation();
        TableRef child = new TableRef(violation.schema(), violation.referencingTable());
        boolean sameTable = foreignKey.child().equals(child) || declaredOn(violation).filter(foreignKey.child()::equals)
                .isPresent();
        if (!foreignKey.name().equals(violation.constraint()) || !sameTable) {
            String actualKey = foreignKey(violation).map(ForeignKey::describe)
                    .orElse(violation.constraint() + " on " + child);
            throw failure("foreign key", foreignKey.describe(), actualKey, "", violation);
        }
        return myself;
    }

    private ForeignKeyViolationAssert hasKind(ForeignKeyViolation.Kind kind) {
        ForeignKeyViolation violation = violation();
        if (violation.kind() != kind) {
            throw failure("kind", kind.toString(), String.valueOf(violation.kind()), "", violation);
        }
        return myself;
    }

    /** The violation found in the actual throwable; fails when there is none. */
    ForeignKeyViolation violation() {
        if (actual == null) {
            throwAssertionError(shouldHaveRaisedForeignKeyViolation());
        }
        Optional<ForeignKeyViolation> found = ForeignKeyViolation.find(actual);
        if (found.isEmpty()) {
            throwAssertionError(shouldBeForeignKeyViolation(actual));
        }
        return found.get();
    }

    /** The partitioned table the FK is declared on, when PostgreSQL reported one of its partitions. */
    private Optional<TableRef> declaredOn(ForeignKeyViolation violation) {
        TableRef reported = new TableRef(violation.schema(), violation.referencingTable());
        return foreignKey(violation).map(ForeignKey::child).filter(declared -> !declared.equals(reported));
    }

    private Optional<TableRef> referenced(ForeignKeyViolation violation) {
        return foreignKey(violation).map(ForeignKey::parent);
    }

    private Optional<ForeignKey> foreignKey(ForeignKeyViolation violation) {
        if (catalog == null || !violation.hasFields()) {
            return Optional.empty();
        }
        Optional<ForeignKey> declared = catalog.find(new TableRef(violation.schema(), violation.referencingTable()),
                violation.constraint());
        if (declared.isPresent()) {
            return declared;
        }
        // a FK declared on a partitioned table fires from the partition's clone, which has the same name
        List<ForeignKey> named = catalog.foreignKeys().stream()
                .filter(fk -> fk.name().equals(violation.constraint())).toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    private AssertionError failure(String property, String expected, String actualValue, String note,
                                   ForeignKeyViolation violation) {
        return assertionError(shouldHaveViolated(property, expected, actualValue, note, describe(violation),
                violation.postgresSays()));
    }

    String describe(ForeignKeyViolation violation) {
        if (!violation.hasFields()) {
            return "  (the driver gave no structured fields)";
        }
        Optional<ForeignKey> fk = foreignKey(violation);
        String parent = fk.map(k -> k.parent().toString() + "(" + String.join(", ", k.parentColumns()) + ")")
                .orElse(violation.tableInDetail() + (catalog == null
                        ? " (from the message; using(database) gives it from the catalog)"
                        : " (from the message: the catalog has no such FK now, e.g. after a failed ADD CONSTRAINT)"));
        List<String> lines = List.of(
                "  constraint:        " + violation.constraint(),
                "  referencing table: " + violation.schema() + "." + violation.referencingTable()
                        + fk.map(k -> "(" + String.join(", ", k.childColumns()) + ")").orElse("")
                        + declaredOn(violation).map(d -> ", a partition of " + d + " (where the FK is declared)")
                        .orElse(""),
                "  referenced table:  " + parent,
                "  key:               " + (violation.keyValues() == null ? noKey(violation) : key(violation)),
                "  kind:              " + violation.kind());
        return String.join(System.lineSeparator(), lines);
    }

    private static String key(ForeignKeyViolation violation) {
        return "(" + String.join(", ", violation.keyColumns()) + ")=(" + violation.keyValues() + ")";
    }

    /** Why the detail has no key: a partly null key under MATCH FULL, or PostgreSQL withheld it. */
    private static String noKey(ForeignKeyViolation violation) {
        return violation.partlyNullKey()
                ? "none shown: the key is partly null, which MATCH FULL refuses (assert it with hasPartlyNullKey())"
                : "unknown (PostgreSQL withheld the key)";
    }

    private static String quote(String name) {
        return name == null ? "null" : "\"" + name + "\"";
    }
}
