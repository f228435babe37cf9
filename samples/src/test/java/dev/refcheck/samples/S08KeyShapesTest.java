package dev.refcheck.samples;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKey;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatParentDeleted;
import static dev.refcheck.samples.Jdbc.column;
import static dev.refcheck.samples.Jdbc.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.fixtures.Fixture;
import dev.refcheck.fixtures.LoadResult;
import dev.refcheck.graph.CycleStrategy;
import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import dev.refcheck.schema.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * In production: keys are rarely one integer column. A flight names two airports by IATA code (two FKs to one
 * parent, to a UNIQUE column that is not its primary key); a boarding pass names a seat by flight and seat
 * number together (a composite FK); an employee names a manager in the same table. refcheck's assertions keep
 * them apart: which of the two FKs broke, which pair of values is missing, who still reports to whom; and its
 * fixture loader loads a hierarchy written in any order.
 */
@DisplayName("08. Composite, UNIQUE-target, parallel and self-referencing FKs")
@RefCheck(schema = "classpath:samples/key-shapes.sql")
class S08KeyShapesTest {

    @Test
    void twoForeignKeysToOneParentAreToldApart(Connection connection, TestDatabase database) {
        assertThatForeignKeyViolation(() -> execute(connection, "INSERT INTO flight VALUES (1, 'FCO', 'XXX')"))
                .isMissingParent().hasConstraint("flight_destination_fkey")
                .hasKeyColumns("destination").hasKeyValues("XXX");
        // both point at airport's UNIQUE iata column, not at its primary key
        assertThatForeignKey(database, "flight_origin_fkey").references("airport", "iata");
        assertThatForeignKey(database, "flight_destination_fkey").references("airport", "iata");
    }

    @Test
    void aCompositeKeyMustExistAsAPair(Connection connection) throws SQLException {
        execute(connection, "INSERT INTO flight VALUES (1, 'FCO', 'CDG'), (2, 'CDG', 'FCO')",
                "INSERT INTO seat VALUES (1, '1A'), (2, '9Z')");

        assertThatForeignKeyViolation(() -> execute(connection, "INSERT INTO boarding_pass VALUES (5, 1, '9Z')"))
                .isMissingParent().hasConstraint("boarding_pass_flight_id_seat_no_fkey").hasReferencedTable("seat")
                .hasKeyColumns("flight_id", "seat_no").hasKeyValues(1, "9Z");
    }

    @Test
    void aHierarchyIsLoadedTopDownAndAManagerWithReportsStays(Connection connection, TestDatabase database)
            throws SQLException {
        LoadResult loaded = database.load(Fixture.builder() // bottom up, yet each manager is there when checked
                .row("employee", "id", 3, "name", "Linus", "manager_id", 2)
                .row("employee", "id", 2, "name", "Grace", "manager_id", 1)
                .row("employee", "id", 1, "name", "Ada")
                .build());
        assertThat(loaded.plan().cycleOf(TableRef.of("employee")).orElseThrow().strategy())
                .isEqualTo(CycleStrategy.ROW_ORDER);

        assertThatForeignKeyViolation(() -> execute(connection, "DELETE FROM employee WHERE id = 2"))
                .isParentStillReferenced().hasConstraint("employee_manager_id_fkey")
                .hasReferencingTable("employee").hasReferencedTable("employee").hasKeyValues(2);
        assertThatParentDeleted(database, "employee_manager_id_fkey", 2).isNoAction();
        assertThat(column(connection, """
                WITH RECURSIVE chain AS (SELECT id, name, manager_id FROM employee WHERE id = 3
                    UNION ALL SELECT e.id, e.name, e.manager_id FROM employee e JOIN chain c ON e.id = c.manager_id)
                SELECT name FROM chain""")).containsExactly("Linus", "Grace", "Ada");
    }
}
