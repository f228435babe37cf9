package dev.refcheck.assertj;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A FK violation was raised, but not the one the test expected: one property differs. */
public final class ShouldHaveViolated extends BasicErrorMessageFactory {

    private ShouldHaveViolated(String format, Object... arguments) {
        super(format, arguments);
    }

    /**
     * @param property what was compared, e.g. "constraint"
     * @param note an extra explanation, or empty
     */
    public static ErrorMessageFactory shouldHaveViolated(String property, String expected, String actual,
                                                         String note, String violation, String postgresSays) {
        return new ShouldHaveViolated("%nExpecting the foreign key violation to have %s:%n  %s%nbut was:%n  %s%n%s"
                + "Violation:%n%s%nPostgreSQL said:%n  %s",
                unquotedString(property), unquotedString(expected), unquotedString(actual),
                unquotedString(note.isEmpty() ? "" : note + "%n".formatted()), unquotedString(violation),
                unquotedString(postgresSays));
    }
}
