package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.refcheck.jupiter.RefCheck;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@RefCheck(schema = "classpath:db/actions.sql")
class ForeignKeyViolationAssert_isForeignKeyViolation_Test {

    @Test
    void passes_for_a_plain_SQLException(Connection connection) {
        // WHEN
        Throwable thrown = catchThrowable(() -> Db.exec(connection, "INSERT INTO no_actions VALUES (1, 99)"));
        // THEN
        assertThat(thrown).isInstanceOf(SQLException.class);
        assertThatForeignKeyViolation(thrown).isForeignKeyViolation().hasConstraint("no_actions_parent_fk");
    }

    @Test
    void passes_for_a_batch_whose_fields_are_on_the_next_exception(Connection connection) throws SQLException {
        // GIVEN
        try (Statement statement = connection.createStatement()) {
            statement.addBatch("INSERT INTO no_actions VALUES (1, 5)");
            statement.addBatch("INSERT INTO no_actions VALUES (2, 99)");
            // WHEN
            Throwable thrown = catchThrowable(statement::executeBatch);
            // THEN
            assertThat(thrown).isInstanceOf(BatchUpdateException.class);
            assertThatForeignKeyViolation(thrown).isForeignKeyViolation().hasConstraint("no_actions_parent_fk")
                    .hasKeyValues(99);
        }
    }

    @Test
    void passes_through_framework_wrappers(Connection connection) {
        // GIVEN a Spring-like wrapper around a Hibernate-like wrapper around the driver's exception
        Throwable driver = catchThrowable(() -> Db.exec(connection, "INSERT INTO no_actions VALUES (1, 99)"));
        Throwable wrapped = new Db.DataIntegrityViolationException("could not execute statement",
                new Db.ConstraintViolationException("could not execute statement", driver));
        // THEN
        assertThatForeignKeyViolation(wrapped).isForeignKeyViolation().hasReferencingTable("no_actions");
    }

    @Test
    void passes_for_a_deferred_constraint_at_commit(Connection connection) throws SQLException {
        // GIVEN the insert itself succeeds: the constraint is DEFERRABLE INITIALLY DEFERRED
        Db.exec(connection, "INSERT INTO deferred VALUES (1, 99)");
        // THEN
        assertThatForeignKeyViolation(connection::commit).isForeignKeyViolation().hasConstraint("deferred_parent_fk")
                .isMissingParent().hasKeyValues(99);
    }

    @Test
    void fails_when_nothing_was_thrown(Connection connection) {
        // WHEN
        AssertionError error = catchThrowableOfType(AssertionError.class, () -> assertThatForeignKeyViolation(
                () -> Db.exec(connection, "INSERT INTO no_actions VALUES (1, 5)")).isForeignKeyViolation());
        // THEN
        assertThat(error).hasMessage(String.format("%n"
                + "Expecting code to raise a foreign key violation (SQLSTATE 23503) but it raised nothing.%n"
                + "If the constraint is DEFERRABLE INITIALLY DEFERRED it fires at commit: call connection.commit()"
                + " inside the code under test."));
    }

    @Test
    void fails_for_another_SQLSTATE(Connection connection) {
        // WHEN a duplicate key, not a FK violation
        AssertionError error = catchThrowableOfType(AssertionError.class, () -> assertThatForeignKeyViolation(
                () -> Db.exec(connection, "INSERT INTO no_actions VALUES (10, 5)")).isForeignKeyViolation());
        // THEN
        assertThat(error).hasMessage(String.format("%n"
                + "Expecting a foreign key violation (SQLSTATE 23503) but was:%n"
                + "  org.postgresql.util.PSQLException: ERROR: duplicate key value violates unique constraint"
                + " \"no_actions_pkey\"%n  Detail: Key (id)=(10) already exists.%n"
                + "(SQLSTATE 23505)"));
    }
}
