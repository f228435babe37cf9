package dev.refcheck.assertj;

import java.sql.SQLException;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** The thrown thing (or nothing) is not a FK violation at all. */
public final class ShouldBeForeignKeyViolation extends BasicErrorMessageFactory {

    private ShouldBeForeignKeyViolation(String format, Object... arguments) {
        super(format, arguments);
    }

    public static ErrorMessageFactory shouldHaveRaisedForeignKeyViolation() {
        return new ShouldBeForeignKeyViolation("%nExpecting code to raise a foreign key violation (SQLSTATE 23503)"
                + " but it raised nothing.%nIf the constraint is DEFERRABLE INITIALLY DEFERRED it fires at commit:"
                + " call connection.commit() inside the code under test.");
    }

    public static ErrorMessageFactory shouldBeForeignKeyViolation(Throwable actual) {
        String state = ForeignKeyViolation.firstSqlException(actual).map(SQLException::getSQLState)
                .map(s -> "SQLSTATE " + s).orElse("no SQLException anywhere in its causes");
        return new ShouldBeForeignKeyViolation("%nExpecting a foreign key violation (SQLSTATE 23503) but was:%n  %s%n"
                + "(%s)", unquotedString(String.valueOf(actual)), unquotedString(state));
    }
}
