package dev.refcheck.assertj;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A FK (or the schema) lacks a declared property the test expects: deferrable, validated, indexed, ... */
public final class ShouldHaveForeignKeyProperty extends BasicErrorMessageFactory {

    private ShouldHaveForeignKeyProperty(String format, Object... arguments) {
        super(format, arguments);
    }

    /**
     * @param subject what was checked, e.g. the FK's description
     * @param expected e.g. {@code be DEFERRABLE}
     * @param actual what is, e.g. {@code it is NOT DEFERRABLE}
     * @param fix what to do about it, or empty
     */
    public static ErrorMessageFactory shouldHave(String subject, String expected, String actual, String fix) {
        return new ShouldHaveForeignKeyProperty("%nExpecting%n  %s%nto %s%nbut %s%s", unquotedString(subject),
                unquotedString(expected), unquotedString(actual),
                unquotedString(fix.isEmpty() ? "" : "%n".formatted() + fix));
    }
}
