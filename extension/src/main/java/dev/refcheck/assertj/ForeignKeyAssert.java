package dev.refcheck.assertj;

import static dev.refcheck.assertj.ShouldHaveForeignKeyProperty.shouldHave;

import dev.refcheck.internal.Sql;
import dev.refcheck.schema.ForeignKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * One FK of the database under test: how it is declared (pgTAP's fk_ok in spirit) and, through
 * {@link #whenParentDeleted(Object...)} and {@link #whenParentKeyUpdated(Object, Object)}, what it does.
 */
public class ForeignKeyAssert extends AbstractAssert<ForeignKeyAssert, ForeignKeyInDatabase> {

    public ForeignKeyAssert(ForeignKeyInDatabase actual) {
        super(actual, ForeignKeyAssert.class);
    }

    /** The FK points at {@code table} ({@code parent} or {@code schema.parent}) and, if given, these columns. */
    public ForeignKeyAssert references(String table, String... columns) {
        ForeignKey fk = fk();
        if (!Tables.matches(table, fk.parent())
                || columns.length > 0 && !fk.parentColumns().equals(Arrays.asList(columns))) {
            String expected = table + (columns.length == 0 ? "" : "(" + String.join(", ", columns) + ")");
            throw fail("reference " + expected, "it references " + fk.parent() + "("
                    + String.join(", ", fk.parentColumns()) + ")", "");
        }
        return myself;
    }

    public ForeignKeyAssert isDeferrable() {
        if (!fk().deferrable()) {
            throw fail("be DEFERRABLE", "it is NOT DEFERRABLE", "Fix: ALTER TABLE " + fk().child().sql()
                    + " ALTER CONSTRAINT " + Sql.quote(fk().name()) + " DEFERRABLE;");
        }
        return myself;
    }

    public ForeignKeyAssert isNotDeferrable() {
        if (fk().deferrable()) {
            throw fail("be NOT DEFERRABLE", "it is DEFERRABLE" + (fk().initiallyDeferred() ? " INITIALLY DEFERRED"
                    : ""), "");
        }
        return myself;
    }

    public ForeignKeyAssert isInitiallyDeferred() {
        if (!fk().initiallyDeferred()) {
            throw fail("be DEFERRABLE INITIALLY DEFERRED", fk().deferrable() ? "it is INITIALLY IMMEDIATE"
                    : "it is NOT DEFERRABLE", "");
        }
        return myself;
    }

    /** Existing rows were checked: the FK was not added NOT VALID, or was validated since. */
    public ForeignKeyAssert isValidated() {
        if (!fk().validated()) {
            throw fail("be validated", "it was added NOT VALID and never validated: existing rows may violate it",
                    "Fix: ALTER TABLE " + fk().child().sql() + " VALIDATE CONSTRAINT " + Sql.quote(fk().name()) + ";");
        }
        return myself;
    }

    /** Added NOT VALID and not validated since: rows already there were never checked, new ones are. */
    public ForeignKeyAssert isNotValidated() {
        if (fk().validated()) {
            throw fail("be NOT VALID", "it is validated: every existing row was checked", "");
        }
        return myself;
    }

    /**
     * None of the FK's triggers is disabled. {@code ALTER TABLE ... DISABLE TRIGGER ALL} (fast loads, some restores)
     * switches the check off, and enabling it again does not check the rows written meanwhile.
     */
    public ForeignKeyAssert hasTriggersEnabled() {
        if (!fk().triggersEnabled()) {
            throw fail("be enforced", "its triggers are disabled: rows written now are not checked",
                    "Fix: ALTER TABLE " + fk().child().sql() + " ENABLE TRIGGER ALL; then look for orphans: enabling"
                            + " the triggers does not check the rows already there.");
        }
        return myself;
    }

    /**
     * An index on the referencing table leads with the FK's columns, so deleting or re-keying a parent does not
     * scan the child table (PostgreSQL does not create one by itself).
     */
    public ForeignKeyAssert hasIndexOnReferencingColumns() {
        ForeignKey fk = fk();
        Optional<String> index = Catalogs.sql(() -> ForeignKeyFacts.index(actual.connection(), fk));
        if (index.isEmpty()) {
            throw fail("have an index on " + fk.child() + " (" + String.join(", ", fk.childColumns()) + ")",
                    "no valid, non-partial index leads with these columns: each delete or key change on "
                            + fk.parent() + " scans " + fk.child(),
                    "Fix: CREATE INDEX ON " + fk.child().sql() + " (" + Sql.columnList(fk.childColumns()) + ");");
        }
        return myself;
    }

    /** Each referencing column has exactly the type of the referenced column it pairs with. */
    public ForeignKeyAssert hasMatchingColumnTypes() {
        ForeignKey fk = fk();
        List<String> childTypes = Catalogs.sql(() -> ForeignKeyFacts.types(actual.connection(), fk.child().sql(),
                fk.childColumns()));
        List<String> parentTypes = Catalogs.sql(() -> ForeignKeyFacts.types(actual.connection(), fk.parent().sql(),
                fk.parentColumns()));
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < childTypes.size(); i++) {
            if (!childTypes.get(i).equals(parentTypes.get(i))) {
                mismatches.add(fk.child().name() + "." + fk.childColumns().get(i) + " is " + childTypes.get(i)
                        + " but " + fk.parent().name() + "." + fk.parentColumns().get(i) + " is "
                        + parentTypes.get(i));
            }
        }
        if (!mismatches.isEmpty()) {
            throw fail("have the same column types on both sides", String.join("; ", mismatches),
                    "Mismatched types cost casts in every check and let values in that the parent cannot hold.");
        }
        return myself;
    }

    /** What deleting the parent row with this key does to its referencing rows (checked, then rolled back). */
    public ReferentialActionAssert whenParentDeleted(Object... key) {
        return new ReferentialActionAssert(ParentChange.delete(actual.connection(), fk(), key));
    }

    /** What changing a one-column parent key from {@code from} to {@code to} does to its referencing rows. */
    public ReferentialActionAssert whenParentKeyUpdated(Object from, Object to) {
        return whenParentKeyUpdated(List.of(from), List.of(to));
    }

    /** What changing a composite parent key does to its referencing rows. */
    public ReferentialActionAssert whenParentKeyUpdated(List<?> from, List<?> to) {
        return new ReferentialActionAssert(ParentChange.update(actual.connection(), fk(), from, to));
    }

    private ForeignKey fk() {
        isNotNull();
        return actual.foreignKey();
    }

    private AssertionError fail(String expected, String actualState, String fix) {
        return assertionError(shouldHave(ReferentialActionAssert.describe(actual.foreignKey()), expected,
                actualState, fix));
    }

}
