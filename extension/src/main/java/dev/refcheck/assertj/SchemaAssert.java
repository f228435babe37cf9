package dev.refcheck.assertj;

import static dev.refcheck.assertj.ShouldHaveForeignKeyProperty.shouldHave;

import dev.refcheck.internal.Sql;
import dev.refcheck.schema.ForeignKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/** The schema's FKs as a whole, in the spirit of pgTAP's has_fk / fk_ok, plus cycles. */
public class SchemaAssert extends AbstractAssert<SchemaAssert, SchemaInDatabase> {

    public SchemaAssert(SchemaInDatabase actual) {
        super(actual, SchemaAssert.class);
    }

    /** Some FK goes from {@code childTable} to {@code parentTable} ({@code name} or {@code schema.name}). */
    public SchemaAssert hasForeignKey(String childTable, String parentTable) {
        return has(fk -> Tables.matches(childTable, fk.child()) && Tables.matches(parentTable, fk.parent()),
                childTable + " -> " + parentTable, childTable);
    }

    /** A FK goes from {@code childTable(childColumns)} to {@code parentTable(parentColumns)}, paired in order. */
    public SchemaAssert hasForeignKey(String childTable, List<String> childColumns, String parentTable,
                                      List<String> parentColumns) {
        return has(fk -> Tables.matches(childTable, fk.child()) && fk.childColumns().equals(childColumns)
                        && Tables.matches(parentTable, fk.parent()) && fk.parentColumns().equals(parentColumns),
                childTable + "(" + String.join(", ", childColumns) + ") -> " + parentTable + "("
                        + String.join(", ", parentColumns) + ")", childTable);
    }

    /** No table reaches itself through FKs (a self-reference counts). */
    public SchemaAssert hasNoForeignKeyCycles() {
        List<ForeignKeyCycles.Cycle> cycles = cycles();
        if (!cycles.isEmpty()) {
            throw assertionError(shouldHave("the schema's foreign keys", "have no cycles",
                    "found " + cycles.size() + ":" + list(cycles), ""));
        }
        return myself;
    }

    /**
     * Rows can be loaded into every cycle: a deferrable or nullable FK breaks each loop, or one statement can
     * write the whole cycle (PostgreSQL checks immediate FKs at the end of each statement).
     */
    public SchemaAssert hasOnlyLoadableCycles() {
        return cyclesAre(cycle -> cycle.loadability() != ForeignKeyCycles.Loadability.NOT_LOADABLE,
                "have only loadable cycles");
    }

    /** Every cycle can be loaded one table at a time: a deferrable or nullable FK breaks each loop. */
    public SchemaAssert hasOnlyBreakableCycles() {
        return cyclesAre(cycle -> cycle.loadability() == ForeignKeyCycles.Loadability.BREAKABLE,
                "have only cycles broken by a deferrable or nullable foreign key");
    }

    /** Every FK's referencing columns lead some index, so no parent delete or key change scans a child table. */
    public SchemaAssert hasIndexesOnAllReferencingColumns() {
        isNotNull();
        List<ForeignKey> missing = actual.catalog().foreignKeys().stream()
                .filter(fk -> Catalogs.sql(() -> ForeignKeyFacts.index(actual.connection(), fk)).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw assertionError(shouldHave("the schema's foreign keys", "have an index on every FK's referencing"
                    + " columns", missing.size() + " have none:" + missing.stream().map(fk -> System.lineSeparator()
                    + "  " + fk.describe()).collect(Collectors.joining()), "Fix:" + missing.stream().map(fk ->
                    System.lineSeparator() + "  CREATE INDEX ON " + fk.child().sql() + " ("
                            + Sql.columnList(fk.childColumns()) + ");").collect(Collectors.joining())));
        }
        return myself;
    }

    /** Every FK's referencing columns have exactly the types of the referenced columns. */
    public SchemaAssert hasMatchingColumnTypesOnAllForeignKeys() {
        isNotNull();
        List<String> mismatches = new ArrayList<>();
        for (ForeignKey fk : actual.catalog().foreignKeys()) {
            List<String> child = Catalogs.sql(() -> ForeignKeyFacts.types(actual.connection(), fk.child().sql(),
                    fk.childColumns()));
            List<String> parent = Catalogs.sql(() -> ForeignKeyFacts.types(actual.connection(), fk.parent().sql(),
                    fk.parentColumns()));
            for (int i = 0; i < child.size(); i++) {
                if (!child.get(i).equals(parent.get(i))) {
                    mismatches.add(fk.name() + ": " + fk.child() + "." + fk.childColumns().get(i) + " is "
                            + child.get(i) + " but " + fk.parent() + "." + fk.parentColumns().get(i) + " is "
                            + parent.get(i));
                }
            }
        }
        if (!mismatches.isEmpty()) {
            throw assertionError(shouldHave("the schema's foreign keys", "have the same column types on both sides",
                    mismatches.size() + " column pair(s) differ:" + mismatches.stream()
                            .map(m -> System.lineSeparator() + "  " + m).collect(Collectors.joining()), ""));
        }
        return myself;
    }

    private SchemaAssert cyclesAre(Predicate<ForeignKeyCycles.Cycle> fine, String expected) {
        List<ForeignKeyCycles.Cycle> bad = cycles().stream().filter(fine.negate()).toList();
        if (!bad.isEmpty()) {
            throw assertionError(shouldHave("the schema's foreign keys", expected, bad.size() + " cycle(s) not:"
                    + list(bad), "Fix: make one FK of each loop DEFERRABLE (ALTER TABLE ... ALTER CONSTRAINT ..."
                    + " DEFERRABLE) or one of its columns nullable."));
        }
        return myself;
    }

    private SchemaAssert has(Predicate<ForeignKey> wanted, String expected, String childTable) {
        isNotNull();
        if (actual.catalog().foreignKeys().stream().noneMatch(wanted)) {
            List<ForeignKey> declared = actual.catalog().foreignKeys().stream()
                    .filter(fk -> Tables.matches(childTable, fk.child())).toList();
            throw assertionError(shouldHave("the schema's foreign keys", "have " + expected,
                    declared.isEmpty() ? childTable + " declares no foreign key"
                            : childTable + " declares:" + declared.stream().map(fk -> System.lineSeparator() + "  "
                            + fk.describe()).collect(Collectors.joining()), ""));
        }
        return myself;
    }

    private List<ForeignKeyCycles.Cycle> cycles() {
        isNotNull();
        return Catalogs.sql(() -> ForeignKeyCycles.find(actual.catalog(), actual.connection()));
    }

    private static String list(List<ForeignKeyCycles.Cycle> cycles) {
        return cycles.stream().map(cycle -> System.lineSeparator() + "  " + cycle.describe())
                .collect(Collectors.joining());
    }
}
