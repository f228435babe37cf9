package dev.refcheck.assertj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.refcheck.jupiter.RefCheck;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.junit.jupiter.api.Test;

/** The record behind the assertions, for tests that want the fields themselves. */
@RefCheck(schema = "classpath:db/actions.sql")
class ForeignKeyViolation_find_Test {

    @Test
    void reads_every_field_of_a_composite_violation(Connection connection) {
        // WHEN
        Throwable thrown = catchThrowable(() -> Db.exec(connection, "INSERT INTO composite VALUES (1, 'eu', 'zz')"));
        // THEN
        ForeignKeyViolation violation = ForeignKeyViolation.find(thrown).orElseThrow();
        assertThat(violation.hasFields()).isTrue();
        assertThat(violation.constraint()).isEqualTo("composite_parent_fk");
        assertThat(violation.schema()).isEqualTo("public");
        assertThat(violation.referencingTable()).isEqualTo("composite");
        assertThat(violation.kind()).isEqualTo(ForeignKeyViolation.Kind.MISSING_PARENT);
        assertThat(violation.keyColumns()).containsExactly("region", "code");
        assertThat(violation.keyValueList()).containsExactly("eu", "zz");
        assertThat(violation.tableInDetail()).isEqualTo("parent");
        assertThat((Object) violation.source()).isSameAs(thrown);
    }

    @Test
    void keeps_values_whole_when_a_comma_makes_the_split_ambiguous(Connection connection) {
        Throwable thrown = catchThrowable(() -> Db.exec(connection, "INSERT INTO composite VALUES (1, 'eu', 'x, y')"));
        ForeignKeyViolation violation = ForeignKeyViolation.find(thrown).orElseThrow();
        assertThat(violation.keyValues()).isEqualTo("eu, x, y");
        assertThat(violation.keyValueList()).containsExactly("eu, x, y");
    }

    @Test
    void finds_a_23503_without_fields_and_nothing_in_other_errors() {
        assertThat(ForeignKeyViolation.find(new RuntimeException(new SQLException("fk", "23503"))))
                .hasValueSatisfying(violation -> assertThat(violation.hasFields()).isFalse());
        assertThat(ForeignKeyViolation.find(new SQLException("dup", "23505"))).isEmpty();
        assertThat(ForeignKeyViolation.find(null)).isEmpty();
    }

    /**
     * A server with German lc_messages quotes names as »x«; the embedded server has no translations, so the
     * fields are built the way pgjdbc parses them off the wire.
     */
    @Test
    void tells_the_kind_from_a_translated_message() {
        ForeignKeyViolation parentSide = ForeignKeyViolation.find(german("Aktualisieren oder Löschen in Tabelle"
                + " »parent« verletzt Fremdschlüssel-Constraint »restricts_parent_fk« von Tabelle »restricts«",
                "Schlüssel (id)=(4) wird noch aus Tabelle »restricts« verwiesen.")).orElseThrow();
        ForeignKeyViolation childSide = ForeignKeyViolation.find(german("Einfügen oder Aktualisieren in Tabelle"
                + " »restricts« verletzt Fremdschlüssel-Constraint »restricts_parent_fk«",
                "Schlüssel (parent_id)=(99) ist nicht in Tabelle »parent« vorhanden.")).orElseThrow();

        assertThat(parentSide.kind()).isEqualTo(ForeignKeyViolation.Kind.PARENT_STILL_REFERENCED);
        assertThat(parentSide.tableInDetail()).isEqualTo("parent");
        assertThat(parentSide.keyColumns()).containsExactly("id");
        assertThat(childSide.kind()).isEqualTo(ForeignKeyViolation.Kind.MISSING_PARENT);
        assertThat(childSide.tableInDetail()).isEqualTo("parent");
        assertThat(childSide.keyValues()).isEqualTo("99");
    }

    private static PSQLException german(String message, String detail) {
        return new PSQLException(new ServerErrorMessage("SFEHLER\0C23503\0M" + message + "\0D" + detail
                + "\0spublic\0trestricts\0nrestricts_parent_fk\0"));
    }
}
