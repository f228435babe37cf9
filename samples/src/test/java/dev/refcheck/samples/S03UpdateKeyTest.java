package dev.refcheck.samples;

import static dev.refcheck.samples.Jdbc.column;
import static dev.refcheck.samples.Jdbc.execute;
import static dev.refcheck.samples.Jdbc.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.jupiter.RefCheck;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ServerErrorMessage;

/**
 * In production: an edit form moves a city to a country code that does not exist, or an admin renames a
 * country code ('UK' to 'GB') that other rows still use. An UPDATE is checked like an INSERT on the child side
 * and like a DELETE on the parent side; ON UPDATE CASCADE carries the new key to the children instead.
 * refcheck runs these updates on a real PostgreSQL, so the test sees which of the three happens.
 */
@DisplayName("03. Update a key: no parent, or the parent's key changes")
@RefCheck(schema = "classpath:samples/update-key.sql")
class S03UpdateKeyTest {

    @Test
    void pointingAChildAtAMissingParentIsRefused(Connection connection) throws SQLException {
        execute(connection, "INSERT INTO city VALUES (1, 'London', 'UK')");

        ServerErrorMessage error = refusal(() -> execute(connection, "UPDATE city SET country_code = 'XX'"));

        // refcheck: AssertJ FK-violation assertions replace this
        assertThat(error.getSQLState()).isEqualTo("23503");
        assertThat(error.getMessage()).isEqualTo(
                "insert or update on table \"city\" violates foreign key constraint \"city_country_code_fkey\"");
        assertThat(error.getDetail()).isEqualTo("Key (country_code)=(XX) is not present in table \"country\".");
    }

    @Test
    void onUpdateCascadeCarriesTheNewKeyToTheChildren(Connection connection) throws SQLException {
        execute(connection, "INSERT INTO city VALUES (1, 'London', 'UK'), (2, 'Leeds', 'UK'), (3, 'Lyon', 'FR')");

        execute(connection, "UPDATE country SET code = 'GB' WHERE code = 'UK'");

        // refcheck: AssertJ referential-action assertions replace this
        assertThat(column(connection, "SELECT country_code FROM city ORDER BY id")).containsExactly("GB", "GB", "FR");
    }

    @Test
    void aChildWithoutCascadeBlocksTheRename(Connection connection) throws SQLException {
        execute(connection, "INSERT INTO city VALUES (1, 'London', 'UK')", "INSERT INTO visa VALUES (7, 'UK')");

        ServerErrorMessage error = refusal(() -> execute(connection,
                "UPDATE country SET code = 'GB' WHERE code = 'UK'"));

        assertThat(error.getMessage()).isEqualTo("update or delete on table \"country\" violates foreign key"
                + " constraint \"visa_country_code_fkey\" on table \"visa\"");
        assertThat(error.getDetail()).isEqualTo("Key (code)=(UK) is still referenced from table \"visa\".");
        assertThat(column(connection, "SELECT country_code FROM city")).as("the cascade was undone too")
                .containsExactly("UK");
    }
}
