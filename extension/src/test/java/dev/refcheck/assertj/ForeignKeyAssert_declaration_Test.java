package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKey;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** references, isDeferrable, isNotDeferrable, isInitiallyDeferred, isValidated, isNotValidated, finding the FK. */
@RefCheck(schema = "classpath:db/actions.sql")
class ForeignKeyAssert_declaration_Test {

    @Test
    void passes_for_what_the_constraints_declare(TestDatabase database) {
        assertThatForeignKey(database, "composite_parent_fk").references("parent", "region", "code")
                .references("public.parent").isNotDeferrable().isValidated();
        assertThatForeignKey(database, "deferred", "parent").isDeferrable().isInitiallyDeferred();
    }

    @Test
    void fails_references_for_other_columns(TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKey(database,
                        "composite_parent_fk").references("parent", "code", "region"))
                .withMessage(String.format("%n"
                        + "Expecting%n"
                        + "  composite_parent_fk: public.composite(region, code) -> public.parent(region, code)"
                        + " ON DELETE NO ACTION ON UPDATE CASCADE%n"
                        + "to reference parent(code, region)%n"
                        + "but it references public.parent(region, code)"));
    }

    @Test
    void fails_isDeferrable_with_the_fix(TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKey(database,
                        "no_actions_parent_fk").isDeferrable())
                .withMessage(String.format("%n"
                        + "Expecting%n"
                        + "  no_actions_parent_fk: public.no_actions(parent_id) -> public.parent(id)"
                        + " ON DELETE NO ACTION ON UPDATE NO ACTION%n"
                        + "to be DEFERRABLE%n"
                        + "but it is NOT DEFERRABLE%n"
                        + "Fix: ALTER TABLE \"public\".\"no_actions\" ALTER CONSTRAINT \"no_actions_parent_fk\""
                        + " DEFERRABLE;"));
    }

    @Test
    void fails_isNotDeferrable_and_isInitiallyDeferred(TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKey(database,
                        "deferred_parent_fk").isNotDeferrable())
                .withMessageEndingWith(String.format("to be NOT DEFERRABLE%nbut it is DEFERRABLE INITIALLY DEFERRED"));
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKey(database,
                        "restricts_parent_fk").isInitiallyDeferred())
                .withMessageEndingWith(String.format("to be DEFERRABLE INITIALLY DEFERRED%nbut it is NOT DEFERRABLE"));
    }

    @Test
    void fails_isValidated_for_a_not_valid_constraint(Connection connection) throws SQLException {
        // GIVEN
        Db.exec(connection, "ALTER TABLE wide ADD CONSTRAINT wide_self_fk FOREIGN KEY (id) REFERENCES parent"
                + " NOT VALID");
        // THEN
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKey(connection,
                        "wide_self_fk").isValidated())
                .withMessageEndingWith(String.format("%n"
                        + "to be validated%n"
                        + "but it was added NOT VALID and never validated: existing rows may violate it%n"
                        + "Fix: ALTER TABLE \"public\".\"wide\" VALIDATE CONSTRAINT \"wide_self_fk\";"));
    }

    @Test
    void isNotValidated_passes_for_a_not_valid_constraint_and_fails_once_validated(Connection connection)
            throws SQLException {
        // GIVEN
        Db.exec(connection, "ALTER TABLE wide ADD CONSTRAINT wide_self_fk FOREIGN KEY (id) REFERENCES parent"
                + " NOT VALID");
        // THEN
        assertThatForeignKey(connection, "wide_self_fk").isNotValidated();
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKey(connection,
                        "wide_parent_fk").isNotValidated())
                .withMessage(String.format("%n"
                        + "Expecting%n"
                        + "  wide_parent_fk: public.wide(parent_id) -> public.parent(id)"
                        + " ON DELETE NO ACTION ON UPDATE NO ACTION%n"
                        + "to be NOT VALID%n"
                        + "but it is validated: every existing row was checked"));
    }

    @Test
    void hasTriggersEnabled_passes_until_the_triggers_are_disabled(Connection connection) throws SQLException {
        assertThatForeignKey(connection, "wide_parent_fk").hasTriggersEnabled();
        // GIVEN a fast load's switch (constraint triggers need a superuser, which the embedded server's role is)
        Db.exec(connection, "ALTER TABLE wide DISABLE TRIGGER ALL");
        // THEN
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKey(connection,
                        "wide_parent_fk").hasTriggersEnabled())
                .withMessage(String.format("%n"
                        + "Expecting%n"
                        + "  wide_parent_fk: public.wide(parent_id) -> public.parent(id)"
                        + " ON DELETE NO ACTION ON UPDATE NO ACTION%n"
                        + "to be enforced%n"
                        + "but its triggers are disabled: rows written now are not checked%n"
                        + "Fix: ALTER TABLE \"public\".\"wide\" ENABLE TRIGGER ALL; then look for orphans: enabling the"
                        + " triggers does not check the rows already there."));
    }

    @Test
    void fails_to_find_an_unknown_name_listing_the_foreign_keys(TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThatForeignKey(database, "nope_fk"))
                .withMessageStartingWith(String.format("%n"
                        + "Expecting one foreign key named nope_fk but found none.%n"
                        + "Foreign keys there are:%n"
                        + "  cascades_parent_fk: public.cascades(parent_id) -> public.parent(id)%n"));
    }

    @Test
    void fails_for_a_constraint_name_used_on_two_tables_saying_to_name_the_tables(Connection connection)
            throws SQLException {
        // GIVEN
        Db.exec(connection, "ALTER TABLE nulls ADD CONSTRAINT wide_parent_fk FOREIGN KEY (id) REFERENCES parent"
                + " NOT VALID");
        // THEN
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThatForeignKey(connection, "wide_parent_fk"))
                .withMessage(String.format("%n"
                        + "Expecting one foreign key named wide_parent_fk but found 2, the name is used on several"
                        + " tables: name the tables instead, assertThatForeignKey(database, child, parent).%n"
                        + "Candidates:%n"
                        + "  wide_parent_fk: public.nulls(id) -> public.parent(id)%n"
                        + "  wide_parent_fk: public.wide(parent_id) -> public.parent(id)"));
    }

    @Test
    void fails_to_choose_between_two_foreign_keys_to_the_same_table(Connection connection) throws SQLException {
        // GIVEN
        Db.exec(connection, "ALTER TABLE wide ADD CONSTRAINT wide_second_fk FOREIGN KEY (id) REFERENCES parent"
                + " NOT VALID");
        // THEN
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThatForeignKey(connection, "wide", "parent"))
                .withMessage(String.format("%n"
                        + "Expecting one foreign key from wide to parent but found 2, name it by constraint.%n"
                        + "Candidates:%n"
                        + "  wide_parent_fk: public.wide(parent_id) -> public.parent(id)%n"
                        + "  wide_second_fk: public.wide(id) -> public.parent(id)"));
    }
}
