package dev.refcheck.assertj;

import static dev.refcheck.assertj.ShouldHaveReferentialAction.shouldHaveReferentialAction;

import dev.refcheck.assertj.ParentChangeProbe.Mode;
import dev.refcheck.assertj.ParentChangeProbe.Outcome;
import dev.refcheck.assertj.ParentChangeProbe.Result;
import dev.refcheck.schema.ForeignKey;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * What deleting a parent row, or changing its key, does to the rows that reference it, checked by doing it in the
 * database inside a savepoint that is rolled back. The actual value is the change.
 */
public class ReferentialActionAssert extends AbstractAssert<ReferentialActionAssert, ParentChange> {

    private Outcome outcome;
    /** Other FKs to the same parent table, dropped in the probe's savepoint once one of them got in the way. */
    private List<ForeignKey> setAside = List.of();

    public ReferentialActionAssert(ParentChange actual) {
        super(actual, ReferentialActionAssert.class);
    }

    /** A delete removes the referencing rows; an update moves them to the new key (ON UPDATE CASCADE). */
    public ReferentialActionAssert cascades() {
        return expect(Result.CASCADED, isDelete() ? "cascade: delete the referencing rows of " + child()
                : "cascade: move the referencing rows of " + child() + " to the new key");
    }

    /** The referencing columns (or the ones named in {@code SET NULL (col)}) become null; the rows stay. */
    public ReferentialActionAssert setsNull() {
        return expect(Result.SET_NULL, "set " + child() + " (" + String.join(", ", actual.foreignKey().childColumns())
                + ") to null in the referencing rows");
    }

    /** The referencing rows stay and stop pointing at the key: their columns take their defaults. */
    public ReferentialActionAssert setsDefault() {
        return expect(Result.SET_DEFAULT, "set " + child() + " (" + String.join(", ",
                actual.foreignKey().childColumns()) + ") to their defaults in the referencing rows");
    }

    /** The FK refuses the change: at once, at the end of the statement, or at commit when it is deferred. */
    public ReferentialActionAssert isRefused() {
        Outcome seen = outcome();
        if ((seen.result() != Result.REFUSED && seen.result() != Result.REFUSED_AT_COMMIT) || !byThisKey(seen)) {
            throw failure("be refused by " + actual.foreignKey().name(), seen);
        }
        return myself;
    }

    /**
     * RESTRICT: the change is refused at once, even when the same statement puts the key back (a delete of a
     * non-deferrable FK) or with the FK's check deferred.
     */
    public ReferentialActionAssert isRestricted() {
        isRefused();
        Probed probed = probeSecond();
        Mode mode = probed.mode();
        Outcome second = probed.outcome();
        if (second.result() != Result.REFUSED || !byThisKey(second)) {
            throw failure("be refused at once, even " + when(mode) + " (RESTRICT)", second, " " + when(mode));
        }
        return myself;
    }

    /**
     * NO ACTION: the change is refused only when the check runs, at the end of the statement (so a statement that
     * puts the key back passes) or, for a deferred FK, at commit.
     */
    public ReferentialActionAssert isNoAction() {
        isRefused();
        Probed probed = probeSecond();
        Mode mode = probed.mode();
        Outcome second = probed.outcome();
        boolean passed = mode == Mode.PUT_BACK ? second.result() == Result.KEY_PUT_BACK
                : second.result() == Result.REFUSED_AT_COMMIT && byThisKey(second);
        if (!passed) {
            throw failure("be refused only when the check runs, at the end of the statement or, deferred, at commit"
                    + " (NO ACTION)", second, " " + when(mode));
        }
        return myself;
    }

    private record Probed(Mode mode, Outcome outcome) {
    }

    /** Deleting and putting back in one statement needs no DDL; an update or a deferrable FK is deferred instead. */
    private Probed probeSecond() {
        if (actual.operation() == ParentChange.Operation.DELETE && !actual.foreignKey().deferrable()) {
            Outcome putBack = probe(Mode.PUT_BACK);
            if (putBack.result() != Result.FAILED) {
                return new Probed(Mode.PUT_BACK, putBack);
            }
        }
        return new Probed(Mode.DEFERRED, probe(Mode.DEFERRED));
    }

    private static String when(Mode mode) {
        return mode == Mode.PUT_BACK ? "when the same statement puts the key back" : "with the check deferred";
    }

    private ReferentialActionAssert expect(Result result, String expected) {
        Outcome seen = outcome();
        if (seen.result() != result) {
            throw failure(expected, seen);
        }
        return myself;
    }

    private boolean byThisKey(Outcome seen) {
        return seen.violation() != null && actual.foreignKey().name().equals(seen.violation().constraint())
                && actual.foreignKey().child().schema().equals(seen.violation().schema())
                && actual.foreignKey().child().name().equals(seen.violation().referencingTable());
    }

    private Outcome outcome() {
        isNotNull();
        if (outcome == null) {
            outcome = probe(Mode.AS_IS);
        }
        return outcome;
    }

    /**
     * A real parent row is often referenced from several tables, and a sibling FK that refuses the change would
     * hide what this one does: then the change is made again with the siblings set aside.
     */
    private Outcome probe(Mode mode) {
        Outcome seen = probe(mode, setAside);
        if (setAside.isEmpty() && refusedBySibling(seen)) {
            setAside = siblings();
            seen = probe(mode, setAside);
        }
        return seen;
    }

    private Outcome probe(Mode mode, List<ForeignKey> others) {
        try {
            return new ParentChangeProbe(actual, others).run(mode);
        } catch (SQLException e) {
            String why = "";
            if ("55006".equals(e.getSQLState())) {
                why = ". The test has deferred checks still pending on these tables: call connection.commit() before"
                        + " this assertion (under TRANSACTION isolation the test's transaction goes on)";
            } else if (!others.isEmpty()) {
                why = ". To check " + actual.foreignKey().name() + " alone refcheck drops the other FKs to "
                        + actual.foreignKey().parent() + " (" + others.stream().map(ForeignKey::name)
                        .collect(Collectors.joining(", ")) + ") inside a savepoint it rolls back, which needs the"
                        + " owner of their tables: run the test as the schema owner, or use a parent row that only "
                        + child() + " references";
            } else if (mode == Mode.DEFERRED && !actual.foreignKey().deferrable()) {
                why = ". To tell RESTRICT from NO ACTION here refcheck makes " + actual.foreignKey().name()
                        + " DEFERRABLE inside a savepoint it rolls back, which needs the owner of "
                        + actual.foreignKey().child() + ": run the test as the schema owner";
            }
            throw new IllegalStateException("refcheck could not check " + actual.describe() + ": " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + ")" + why, e);
        }
    }

    private boolean refusedBySibling(Outcome seen) {
        if ((seen.result() != Result.REFUSED && seen.result() != Result.REFUSED_AT_COMMIT) || byThisKey(seen)) {
            return false;
        }
        String constraint = seen.violation().constraint();
        return siblings().stream().anyMatch(other -> other.name().equals(constraint));
    }

    private List<ForeignKey> siblings() {
        ForeignKey fk = actual.foreignKey();
        return Catalogs.read(actual.connection()).foreignKeys().stream()
                .filter(other -> other.parent().equals(fk.parent()))
                .filter(other -> !(other.name().equals(fk.name()) && other.child().equals(fk.child())))
                .toList();
    }

    private AssertionError failure(String expected, Outcome seen) {
        return failure(expected, seen, "");
    }

    private AssertionError failure(String expected, Outcome seen, String how) {
        String said = seen.violation() != null ? seen.violation().postgresSays()
                : seen.error() != null ? seen.error().getMessage() : "";
        String aside = setAside.isEmpty() ? "" : " (with the other FKs to " + actual.foreignKey().parent() + " set"
                + " aside: " + setAside.stream().map(ForeignKey::name).collect(Collectors.joining(", ")) + ")";
        return assertionError(shouldHaveReferentialAction(describeChange(seen), expected, happened(seen) + how + aside,
                describe(actual.foreignKey()), said));
    }

    private String describeChange(Outcome seen) {
        return seen.referencing() == 0 ? actual.describe()
                : actual.describe() + ", referenced by " + rows(seen.referencing()) + " of " + child() + ",";
    }

    private String happened(Outcome seen) {
        return switch (seen.result()) {
            case CASCADED -> isDelete() ? "cascaded: deleted " + rows(seen.affected()) + " of " + child()
                    : "cascaded: moved " + rows(seen.affected()) + " of " + child() + " to the new key";
            case SET_NULL -> "set the referencing columns to null in " + rows(seen.affected());
            case SET_DEFAULT -> "kept the " + rows(seen.affected()) + " and pointed them elsewhere (SET DEFAULT)";
            case REFUSED -> "was refused by " + refusedBy(seen) + " at once";
            case REFUSED_AT_COMMIT -> "went through and was refused by " + refusedBy(seen)
                    + " only when the deferred check ran (as at commit)";
            case NOT_CHECKED -> "went through and left the referencing rows pointing at the old key";
            case KEY_PUT_BACK -> "went through: the check at the end of the statement found the key again";
            case FAILED -> "failed with SQLSTATE " + seen.error().getSQLState() + ", not a foreign key violation";
            case NO_PARENT -> "found no such row in " + actual.foreignKey().parent()
                    + ": give the key of an existing parent row";
            case NO_REFERENCES -> "found no row of " + child() + " referencing it, so the check would prove nothing:"
                    + " insert a referencing row first";
        };
    }

    private String refusedBy(Outcome seen) {
        return byThisKey(seen) ? "this FK" : "another FK, " + seen.violation().constraint() + " on "
                + seen.violation().schema() + "." + seen.violation().referencingTable();
    }

    static String describe(ForeignKey fk) {
        return fk.describe() + " ON DELETE " + fk.onDelete().sql() + " ON UPDATE " + fk.onUpdate().sql()
                + (fk.deferrable() ? fk.initiallyDeferred() ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE" : "");
    }

    private boolean isDelete() {
        return actual.operation() == ParentChange.Operation.DELETE;
    }

    private String child() {
        return actual.foreignKey().child().toString();
    }

    private static String rows(int count) {
        return count == 1 ? "1 row" : count + " rows";
    }
}
