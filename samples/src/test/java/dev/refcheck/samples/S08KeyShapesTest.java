package dev.refcheck.samples;

import static dev.refcheck.samples.Jdbc.column;
import static dev.refcheck.samples.Jdbc.execute;
import static dev.refcheck.samples.Jdbc.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import dev.refcheck.schema.ForeignKey;
import dev.refcheck.schema.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ServerErrorMessage;

/**
 * In production: keys are rarely one integer column. A flight names two airports by IATA code (two FKs to one
 * parent, to a UNIQUE column that is not its primary key); a boarding pass names a seat by flight and seat
 * number together (a composite FK); an employee names a manager in the same table. refcheck's errors and
 * catalog keep them apart: which of the two FKs broke, which pair of values is missing, who still reports to whom.
 */
@DisplayName("08. Composite, UNIQUE-target, parallel and self-referencing FKs")
@RefCheck(schema = "classpath:samples/key-shapes.sql")
class S08KeyShapesTest {

    @Test
    void twoForeignKeysToOneParentAreToldApart(Connection connection, TestDatabase database) {
        ServerErrorMessage error = refusal(() -> execute(connection, "INSERT INTO flight VALUES (1, 'FCO', 'XXX')"));

        // refcheck: AssertJ FK-violation assertions replace this
        assertThat(error.getConstraint()).isEqualTo("flight_destination_fkey");
        assertThat(error.getDetail()).isEqualTo("Key (destination)=(XXX) is not present in table \"airport\".");
        assertThat(database.catalog().referencing(TableRef.of("airport")))
                .extracting(ForeignKey::describe).containsExactly(
                        "flight_destination_fkey: public.flight(destination) -> public.airport(iata)",
                        "flight_origin_fkey: public.flight(origin) -> public.airport(iata)");
    }

    @Test
    void aCompositeKeyMustExistAsAPair(Connection connection) throws SQLException {
        execute(connection, "INSERT INTO flight VALUES (1, 'FCO', 'CDG'), (2, 'CDG', 'FCO')",
                "INSERT INTO seat VALUES (1, '1A'), (2, '9Z')");

        ServerErrorMessage error = refusal(() -> execute(connection, "INSERT INTO boarding_pass VALUES (5, 1, '9Z')"));

        assertThat(error.getConstraint()).isEqualTo("boarding_pass_flight_id_seat_no_fkey");
        assertThat(error.getDetail()).isEqualTo("Key (flight_id, seat_no)=(1, 9Z) is not present in table \"seat\".");
    }

    @Test
    void aHierarchyIsLoadedTopDownAndAManagerWithReportsStays(Connection connection) throws SQLException {
        // refcheck: fixture loader replaces this (it orders self-referencing rows too)
        execute(connection, "INSERT INTO employee VALUES (1, 'Ada', NULL), (2, 'Grace', 1), (3, 'Linus', 2)");

        ServerErrorMessage error = refusal(() -> execute(connection, "DELETE FROM employee WHERE id = 2"));

        assertThat(error.getMessage()).isEqualTo("update or delete on table \"employee\" violates foreign key"
                + " constraint \"employee_manager_id_fkey\" on table \"employee\"");
        assertThat(column(connection, """
                WITH RECURSIVE chain AS (SELECT id, name, manager_id FROM employee WHERE id = 3
                    UNION ALL SELECT e.id, e.name, e.manager_id FROM employee e JOIN chain c ON e.id = c.manager_id)
                SELECT name FROM chain""")).containsExactly("Linus", "Grace", "Ada");
    }
}
