package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKey;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatParentDeleted;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatParentKeyUpdated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** isRefused, isRestricted (RESTRICT) and isNoAction (NO ACTION). */
@RefCheck(schema = "classpath:db/actions.sql")
class ReferentialActionAssert_isRefused_Test {

    @Test
    void passes_for_restrict(TestDatabase database) {
        assertThatParentDeleted(database, "restricts_parent_fk", 4).isRefused().isRestricted();
        assertThatParentKeyUpdated(database, "restricts_parent_fk", 4, 400).isRefused().isRestricted();
    }

    @Test
    void passes_for_no_action_immediate_and_deferred(TestDatabase database, Connection connection)
            throws SQLException {
        assertThatParentDeleted(database, "no_actions_parent_fk", 5).isRefused().isNoAction();
        assertThatParentKeyUpdated(database, "no_actions_parent_fk", 5, 500).isNoAction();
        assertThatForeignKey(database, "deferred_parent_fk").whenParentDeleted(6).isRefused().isNoAction();
        // the probe made the immediate FKs deferrable only inside its savepoint
        assertThatForeignKey(database, "no_actions_parent_fk").isNotDeferrable();
        assertThat(Db.query(connection, "SELECT count(*) FROM parent")).isEqualTo("10");
    }

    @Test
    void fails_isRestricted_for_no_action_whose_end_of_statement_check_finds_the_key_put_back(TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThatParentDeleted(database, "no_actions_parent_fk", 5).isRestricted())
                .withMessage(String.format("%n"
                        + "Expecting deleting public.parent (id)=(5), referenced by 1 row of public.no_actions, to%n"
                        + "  be refused at once, even when the same statement puts the key back (RESTRICT)%n"
                        + "but it%n"
                        + "  went through: the check at the end of the statement found the key again when the same"
                        + " statement puts the key back%n"
                        + "Foreign key:%n"
                        + "  no_actions_parent_fk: public.no_actions(parent_id) -> public.parent(id)"
                        + " ON DELETE NO ACTION ON UPDATE NO ACTION%n"
                        + "(checked in a savepoint that was rolled back: the test's data is unchanged)"));
    }

    @Test
    void fails_isRestricted_for_no_action_on_update_with_the_check_deferred(TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThatParentKeyUpdated(database, "no_actions_parent_fk", 5, 500).isRestricted())
                .withMessageStartingWith(String.format("%n"
                        + "Expecting updating public.parent (id)=(5) to (500), referenced by 1 row of"
                        + " public.no_actions, to%n"
                        + "  be refused at once, even with the check deferred (RESTRICT)%n"
                        + "but it%n"
                        + "  went through and was refused by this FK only when the deferred check ran (as at commit)"
                        + " with the check deferred%n"
                        + "Foreign key:%n"
                        + "  no_actions_parent_fk: public.no_actions(parent_id) -> public.parent(id)"
                        + " ON DELETE NO ACTION ON UPDATE NO ACTION%n"
                        + "PostgreSQL said:%n"
                        + "  update or delete on table \"parent\" violates foreign key constraint"
                        + " \"no_actions_parent_fk\" on table \"no_actions\" / Key (id)=(5) is still referenced"
                        + " from table \"no_actions\".%n"));
    }

    @Test
    void fails_isNoAction_for_restrict(TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThatParentDeleted(database, "restricts_parent_fk", 4).isNoAction())
                .withMessageContaining(String.format("%n"
                        + "  be refused only when the check runs, at the end of the statement or, deferred, at"
                        + " commit (NO ACTION)%n"
                        + "but it%n"
                        + "  was refused by this FK at once when the same statement puts the key back%n"));
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThatParentKeyUpdated(database, "restricts_parent_fk", 4, 400).isNoAction())
                .withMessageContaining(String.format("%n"
                        + "but it%n"
                        + "  was refused by this FK at once with the check deferred%n"));
    }

    @Test
    void fails_isRefused_for_cascade(TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThatParentKeyUpdated(database, "cascades_parent_fk", 1, 100).isRefused())
                .withMessageStartingWith(String.format("%n"
                        + "Expecting updating public.parent (id)=(1) to (100), referenced by 2 rows of"
                        + " public.cascades, to%n"
                        + "  be refused by cascades_parent_fk%n"
                        + "but it%n"
                        + "  cascaded: moved 2 rows of public.cascades to the new key%n"));
    }

    @Test
    void fails_isRefused_when_another_FK_refuses(TestDatabase database, Connection connection) throws SQLException {
        // GIVEN a grandchild that restricts deleting the cascaded child
        Db.exec(connection, "CREATE TABLE grandchild (id int, cascade_id int CONSTRAINT grandchild_fk"
                + " REFERENCES cascades ON DELETE RESTRICT)", "INSERT INTO grandchild VALUES (1, 10)");
        // THEN
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThatParentDeleted(database, "cascades_parent_fk", 1).isRefused())
                .withMessageContaining(String.format("but it%n"
                        + "  was refused by another FK, grandchild_fk on public.grandchild at once%n"));
    }

    @Test
    void says_what_to_do_when_the_check_cannot_be_deferred_for_lack_of_ownership(TestDatabase database,
                                                                                 Connection connection)
            throws SQLException {
        // GIVEN a role that may change rows but does not own the tables (role and SET ROLE roll back with the test)
        Db.exec(connection, "CREATE ROLE refcheck_not_owner", "GRANT SELECT, UPDATE, DELETE ON ALL TABLES IN SCHEMA"
                + " public TO refcheck_not_owner", "SET ROLE refcheck_not_owner");
        // THEN
        assertThatIllegalStateException()
                .isThrownBy(() -> assertThatParentKeyUpdated(database, "no_actions_parent_fk", 5, 500).isNoAction())
                .withMessage("refcheck could not check updating public.parent (id)=(5) to (500): ERROR: must be owner"
                        + " of table no_actions (SQLSTATE 42501). To tell RESTRICT from NO ACTION here refcheck makes"
                        + " no_actions_parent_fk DEFERRABLE inside a savepoint it rolls back, which needs the owner of"
                        + " public.no_actions: run the test as the schema owner");
    }
}
