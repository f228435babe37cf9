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
import java.util.List;
import org.junit.jupiter.api.Test;

@RefCheck(schema = "classpath:db/actions.sql")
class ReferentialActionAssert_cascades_Test {

    @Test
    void passes_for_on_delete_cascade_and_leaves_the_data_unchanged(TestDatabase database, Connection connection)
            throws SQLException {
        // WHEN
        assertThatForeignKey(database, "cascades_parent_fk").whenParentDeleted(1).cascades();
        // THEN the savepoint was rolled back
        assertThat(Db.query(connection, "SELECT string_agg(id::text, ',' ORDER BY id) FROM cascades"))
                .isEqualTo("10,11,12");
        assertThat(Db.query(connection, "SELECT count(*) FROM parent WHERE id = 1")).isEqualTo("1");
    }

    @Test
    void passes_for_on_update_cascade_also_on_a_composite_key(TestDatabase database, Connection connection)
            throws SQLException {
        assertThatForeignKey(database, "cascades_parent_fk").whenParentKeyUpdated(1, 100).cascades();
        assertThatForeignKey(database, "composite", "parent")
                .whenParentKeyUpdated(List.of("eu", "c7"), List.of("us", "c7")).cascades();
        assertThat(Db.query(connection, "SELECT region FROM composite")).isEqualTo("eu");
    }

    @Test
    void the_shortcuts_take_a_composite_key_as_lists_and_a_plain_connection(Connection connection)
            throws SQLException {
        assertThatParentKeyUpdated(connection, "composite_parent_fk", List.of("eu", "c7"), List.of("us", "c7"))
                .cascades();
        assertThatParentKeyUpdated(connection, "cascades_parent_fk", 1, 100).cascades();
        assertThatParentDeleted(connection, "cascades_parent_fk", 1).cascades();
        assertThat(Db.query(connection, "SELECT region FROM composite")).isEqualTo("eu");
    }

    @Test
    void works_with_auto_commit_on_and_still_changes_nothing(TestDatabase database, Connection connection)
            throws SQLException {
        // GIVEN a test that switched auto-commit on (as a CLEAN-isolation test would have it)
        connection.setAutoCommit(true);
        // WHEN
        assertThatForeignKey(database, "cascades_parent_fk").whenParentDeleted(1).cascades();
        // THEN
        assertThat(connection.getAutoCommit()).isTrue();
        assertThat(Db.query(connection, "SELECT count(*) FROM cascades")).isEqualTo("3");
    }

    @Test
    void fails_for_no_action_with_the_postgres_message(TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKey(database,
                        "no_actions_parent_fk").whenParentDeleted(5).cascades())
                .withMessage(String.format("%n"
                        + "Expecting deleting public.parent (id)=(5), referenced by 1 row of public.no_actions, to%n"
                        + "  cascade: delete the referencing rows of public.no_actions%n"
                        + "but it%n"
                        + "  was refused by this FK at once%n"
                        + "Foreign key:%n"
                        + "  no_actions_parent_fk: public.no_actions(parent_id) -> public.parent(id)"
                        + " ON DELETE NO ACTION ON UPDATE NO ACTION%n"
                        + "PostgreSQL said:%n"
                        + "  update or delete on table \"parent\" violates foreign key constraint"
                        + " \"no_actions_parent_fk\" on table \"no_actions\" / Key (id)=(5) is still referenced"
                        + " from table \"no_actions\".%n"
                        + "(checked in a savepoint that was rolled back: the test's data is unchanged)"));
    }

    @Test
    void fails_when_nothing_references_the_parent(TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKey(database,
                        "cascades_parent_fk").whenParentDeleted(0).cascades())
                .withMessageStartingWith(String.format("%n"
                        + "Expecting deleting public.parent (id)=(0) to%n"
                        + "  cascade: delete the referencing rows of public.cascades%n"
                        + "but it%n"
                        + "  found no row of public.cascades referencing it, so the check would prove nothing:"
                        + " insert a referencing row first%n"));
    }

    @Test
    void fails_when_the_parent_does_not_exist(TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKey(database,
                        "cascades_parent_fk").whenParentDeleted(404).cascades())
                .withMessageContaining("found no such row in public.parent: give the key of an existing parent row");
    }
}
