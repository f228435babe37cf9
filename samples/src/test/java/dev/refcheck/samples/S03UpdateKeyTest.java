package dev.refcheck.samples;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatParentKeyUpdated;
import static dev.refcheck.samples.Jdbc.column;
import static dev.refcheck.samples.Jdbc.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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

        assertThatForeignKeyViolation(() -> execute(connection, "UPDATE city SET country_code = 'XX'"))
                .isMissingParent() // an UPDATE of the child is checked like an INSERT
                .hasConstraint("city_country_code_fkey").hasReferencingTable("city").hasReferencedTable("country")
                .hasKeyColumns("country_code").hasKeyValues("XX");
    }

    @Test
    void onUpdateCascadeCarriesTheNewKeyToTheChildren(TestDatabase database, Connection connection)
            throws SQLException {
        execute(connection, "INSERT INTO city VALUES (1, 'London', 'UK'), (2, 'Leeds', 'UK'), (3, 'Lyon', 'FR')");

        // renames UK to GB in a savepoint, sees both cities follow, and rolls back
        assertThatParentKeyUpdated(database, "city_country_code_fkey", "UK", "GB").cascades();
        assertThat(column(connection, "SELECT country_code FROM city ORDER BY id")).containsExactly("UK", "UK", "FR");
    }

    @Test
    void aChildWithoutCascadeBlocksTheRename(TestDatabase database, Connection connection) throws SQLException {
        execute(connection, "INSERT INTO city VALUES (1, 'London', 'UK')", "INSERT INTO visa VALUES (7, 'UK')");

        assertThatForeignKeyViolation(() -> execute(connection, "UPDATE country SET code = 'GB' WHERE code = 'UK'"))
                .isParentStillReferenced() // an UPDATE of the parent's key is checked like a DELETE
                .hasConstraint("visa_country_code_fkey").hasReferencingTable("visa").hasReferencedTable("country")
                .hasKeyColumns("code").hasKeyValues("UK");
        assertThat(column(connection, "SELECT country_code FROM city")).as("the cascade was undone too")
                .containsExactly("UK");
        assertThatParentKeyUpdated(database, "visa_country_code_fkey", "UK", "GB").isNoAction();
    }
}
