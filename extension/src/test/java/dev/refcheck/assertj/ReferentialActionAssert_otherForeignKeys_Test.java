package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatParentDeleted;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatParentKeyUpdated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A parent row referenced from several tables: the FK under test is checked alone, the others set aside. */
@RefCheck(schema = "classpath:db/actions.sql")
class ReferentialActionAssert_otherForeignKeys_Test {

    @BeforeEach
    void parentOneIsAlsoReferencedByARestrictAndANoActionChild(Connection connection) throws SQLException {
        Db.exec(connection, "INSERT INTO restricts VALUES (11, 1)", "INSERT INTO no_actions VALUES (11, 1)",
                "INSERT INTO nulls VALUES (13, 1)");
    }

    @Test
    void passes_for_each_action_although_other_foreign_keys_would_refuse(TestDatabase database,
                                                                         Connection connection)
            throws SQLException {
        // WHEN
        assertThatParentDeleted(database, "cascades_parent_fk", 1).cascades();
        assertThatParentDeleted(database, "nulls_parent_fk", 1).setsNull();
        assertThatParentKeyUpdated(database, "cascades_parent_fk", 1, 100).cascades();
        assertThatParentDeleted(database, "no_actions_parent_fk", 1).isRefused().isNoAction();
        assertThatParentDeleted(database, "restricts_parent_fk", 1).isRestricted();
        // THEN the dropped FKs came back with the savepoint's rollback, and the rows are untouched
        assertThat(database.catalog().foreignKeys()).hasSize(8);
        assertThat(Db.query(connection, "SELECT count(*) FROM cascades WHERE parent_id = 1")).isEqualTo("2");
    }

    @Test
    void fails_saying_which_foreign_keys_were_set_aside(TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThatParentDeleted(database, "cascades_parent_fk", 1).setsNull())
                .withMessageContaining(String.format("%n"
                        + "but it%n"
                        + "  cascaded: deleted 2 rows of public.cascades (with the other FKs to public.parent set"
                        + " aside: composite_parent_fk, defaults_parent_fk, deferred_parent_fk, no_actions_parent_fk,"
                        + " nulls_parent_fk, restricts_parent_fk, wide_parent_fk)%n"));
    }

    @Test
    void says_what_to_do_without_ownership(TestDatabase database, Connection connection) throws SQLException {
        // GIVEN a role that may change rows but does not own the tables (role and SET ROLE roll back with the test)
        Db.exec(connection, "CREATE ROLE refcheck_not_owner", "GRANT SELECT, UPDATE, DELETE ON ALL TABLES IN SCHEMA"
                + " public TO refcheck_not_owner", "SET ROLE refcheck_not_owner");
        // THEN
        assertThatIllegalStateException()
                .isThrownBy(() -> assertThatParentDeleted(database, "cascades_parent_fk", 1).cascades())
                .withMessageStartingWith("refcheck could not check deleting public.parent (id)=(1): ERROR: must be"
                        + " owner of table ")
                .withMessageEndingWith(" (SQLSTATE 42501). To check cascades_parent_fk alone refcheck drops the other"
                        + " FKs to public.parent (composite_parent_fk, defaults_parent_fk, deferred_parent_fk,"
                        + " no_actions_parent_fk, nulls_parent_fk, restricts_parent_fk, wide_parent_fk) inside a"
                        + " savepoint it rolls back, which needs the owner of their tables: run the test as the schema"
                        + " owner, or use a parent row that only public.cascades references");
    }

    @Test
    void says_to_commit_first_when_deferred_checks_are_pending(TestDatabase database, Connection connection)
            throws SQLException {
        // GIVEN a row whose deferred check has not run yet
        Db.exec(connection, "INSERT INTO deferred VALUES (11, 1)");
        // THEN
        assertThatIllegalStateException()
                .isThrownBy(() -> assertThatParentDeleted(database, "cascades_parent_fk", 1).cascades())
                .withMessage("refcheck could not check deleting public.parent (id)=(1): ERROR: cannot ALTER TABLE"
                        + " \"deferred\" because it has pending trigger events (SQLSTATE 55006). The test has deferred"
                        + " checks still pending on these tables: call connection.commit() before this assertion"
                        + " (under TRANSACTION isolation the test's transaction goes on)");
        connection.commit();
        assertThatParentDeleted(database, "cascades_parent_fk", 1).cascades();
    }
}
