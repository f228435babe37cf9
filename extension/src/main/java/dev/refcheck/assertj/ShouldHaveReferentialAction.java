package dev.refcheck.assertj;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A parent change did not do what the test expected of its FK. */
public final class ShouldHaveReferentialAction extends BasicErrorMessageFactory {

    private ShouldHaveReferentialAction(String format, Object... arguments) {
        super(format, arguments);
    }

    /**
     * @param change e.g. {@code deleting public.parent (id)=(1)}
     * @param expected e.g. {@code cascade: delete the referencing rows}
     * @param actual what the database did
     * @param foreignKey the FK with its declared actions
     * @param postgresSays the server's message, or empty
     */
    public static ErrorMessageFactory shouldHaveReferentialAction(String change, String expected, String actual,
                                                                  String foreignKey, String postgresSays) {
        return new ShouldHaveReferentialAction("%nExpecting %s to%n  %s%nbut it%n  %s%nForeign key:%n  %s%s%n"
                + "(checked in a savepoint that was rolled back: the test's data is unchanged)",
                unquotedString(change), unquotedString(expected), unquotedString(actual),
                unquotedString(foreignKey), unquotedString(postgresSays.isEmpty() ? ""
                        : "%nPostgreSQL said:%n  ".formatted() + postgresSays));
    }
}
