package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.Isolation;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A real commit (CLEAN isolation) raises the deferred FK's violation with the same fields as an immediate one. */
@RefCheck(schema = "classpath:db/actions.sql", isolation = Isolation.CLEAN)
class ForeignKeyViolationAssert_deferredAtCommit_Test {

    @Test
    void passes_for_the_violation_raised_by_commit(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // GIVEN
            connection.setAutoCommit(false);
            Db.exec(connection, "INSERT INTO deferred VALUES (1, 99)");
            // THEN
            assertThatForeignKeyViolation(connection::commit).using(connection)
                    .hasConstraint("deferred_parent_fk").isMissingParent()
                    .hasReferencingTable("deferred").hasReferencedTable("public.parent")
                    .hasKeyColumns("parent_id").hasKeyValues(99);
        }
    }

    @Test
    void passes_for_a_deferred_parent_delete_at_commit(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            Db.exec(connection, "DELETE FROM parent WHERE id = 6");
            assertThatForeignKeyViolation(connection::commit).isParentStillReferenced()
                    .hasReferencingTable("deferred").hasKeyColumns("id").hasKeyValues(6);
        }
    }
}
