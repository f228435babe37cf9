package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKey;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatParentDeleted;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatParentKeyUpdated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** setsNull and setsDefault. */
@RefCheck(schema = "classpath:db/actions.sql")
class ReferentialActionAssert_setsNullOrDefault_Test {

    @Test
    void passes_for_set_null_on_delete_and_update(TestDatabase database, Connection connection)
            throws SQLException {
        assertThatParentDeleted(database, "nulls_parent_fk", 2).setsNull();
        assertThatParentKeyUpdated(database, "nulls_parent_fk", 2, 200).setsNull();
        assertThat(Db.query(connection, "SELECT count(*) FROM nulls WHERE parent_id = 2")).isEqualTo("2");
    }

    @Test
    void passes_for_set_default_on_delete_and_update(TestDatabase database) {
        assertThatParentDeleted(database, "defaults_parent_fk", 3).setsDefault();
        assertThatParentKeyUpdated(database, "defaults_parent_fk", 3, 300).setsDefault();
    }

    @Test
    void passes_for_set_null_of_some_columns(TestDatabase database, Connection connection) throws SQLException {
        // GIVEN ON DELETE SET NULL (code) on a composite FK (PostgreSQL 15+)
        Db.exec(connection, "CREATE TABLE partial (id int, region text NOT NULL, code text,"
                + " CONSTRAINT partial_fk FOREIGN KEY (region, code) REFERENCES parent (region, code)"
                + " ON DELETE SET NULL (code))", "INSERT INTO partial VALUES (1, 'eu', 'c9')");
        // THEN
        assertThatForeignKey(connection, "partial_fk").whenParentDeleted("eu", "c9").setsNull();
    }

    @Test
    void fails_for_cascade(TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThatParentDeleted(database, "cascades_parent_fk", 1).setsNull())
                .withMessageStartingWith(String.format("%n"
                        + "Expecting deleting public.parent (id)=(1), referenced by 2 rows of public.cascades, to%n"
                        + "  set public.cascades (parent_id) to null in the referencing rows%n"
                        + "but it%n"
                        + "  cascaded: deleted 2 rows of public.cascades%n"
                        + "Foreign key:%n"
                        + "  cascades_parent_fk: public.cascades(parent_id) -> public.parent(id)"
                        + " ON DELETE CASCADE ON UPDATE CASCADE%n"
                        + "(checked in a savepoint"));
    }

    @Test
    void fails_for_set_null_when_default_was_expected(TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThatParentKeyUpdated(database, "nulls_parent_fk", 2, 200).setsDefault())
                .withMessageContaining(String.format("Expecting updating public.parent (id)=(2) to (200), referenced"
                        + " by 2 rows of public.nulls, to%n"
                        + "  set public.nulls (parent_id) to their defaults in the referencing rows%n"
                        + "but it%n"
                        + "  set the referencing columns to null in 2 rows%n"));
    }
}
