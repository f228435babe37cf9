package dev.refcheck.samples;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static dev.refcheck.samples.Jdbc.column;
import static dev.refcheck.samples.Jdbc.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refcheck.fixtures.Fixture;
import dev.refcheck.fixtures.LoadResult;
import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import dev.refcheck.schema.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * In production: a job writes an order line before its order (two threads, or two services, or a retry that
 * replays only half the work). PostgreSQL refuses the line: SQLSTATE 23503, naming the constraint, the table
 * and the missing key. refcheck runs the same statements on a real PostgreSQL, so the test sees exactly that
 * refusal, and its assertions name the FK, both tables and the key. Test data written in any order goes through
 * refcheck's fixture loader, which reads the FKs from the catalog and inserts the parent first.
 */
@DisplayName("01. Insert a child before its parent")
@RefCheck(schema = "classpath:samples/child-before-parent.sql")
class S01ChildBeforeParentTest {

    @Test
    void aLineWithoutItsOrderIsRefused(TestDatabase database, Connection connection) {
        assertThatForeignKeyViolation(() -> execute(connection, "INSERT INTO order_line VALUES (7, 1, 'tea')"))
                .using(database) // the referenced table comes from the catalog, schema-qualified
                .isMissingParent()
                .hasConstraint("order_line_order_id_fkey")
                .hasReferencingTable("order_line")
                .hasReferencedTable("customer_order")
                .hasKeyColumns("order_id").hasKeyValues(7);
    }

    @Test
    void theSameRowsInAnyOrderLoadThroughTheFixtureLoader(TestDatabase database, Connection connection)
            throws SQLException {
        LoadResult loaded = database.load(Fixture.builder() // the lines first: refcheck inserts the order first
                .row("order_line", "order_id", Fixture.ref("ada", "id"), "line_no", 1, "item", "tea")
                .row("order_line", "order_id", Fixture.ref("ada", "id"), "line_no", 2, "item", "milk")
                .rowAs("ada", "customer_order", "id", 7, "buyer", "Ada")
                .build());

        assertThat(loaded.plan().insertOrder())
                .containsExactly(TableRef.of("customer_order"), TableRef.of("order_line"));
        assertThat(column(connection, "SELECT item FROM order_line WHERE order_id = 7 ORDER BY line_no"))
                .containsExactly("tea", "milk");
    }

    @Test
    void aFixtureRowWithoutItsParentIsNamedAndNothingIsLoaded(TestDatabase database, Connection connection)
            throws SQLException {
        assertThatThrownBy(() -> database.load(Fixture.builder()
                .row("customer_order", "id", 8, "buyer", "Grace")
                .row("order_line", "order_id", 9, "line_no", 1, "item", "bread") // order 9 is nowhere
                .build()))
                .hasMessageContaining("order_line row at S01ChildBeforeParentTest.java:")
                .hasMessageContaining("constraint: order_line_order_id_fkey, key: (order_id)=(9)")
                .hasMessageContaining("Nothing of the fixture was loaded");
        assertThat(column(connection, "SELECT count(*) FROM customer_order")).containsExactly("0");
    }

    @Test
    void oneStatementMayWriteBothInAnyOrder(Connection connection) throws SQLException {
        // the FK is checked when the whole statement ends, so the line may come first within it
        execute(connection, """
                WITH line AS (INSERT INTO order_line VALUES (8, 1, 'bread'))
                INSERT INTO customer_order VALUES (8, 'Grace')""");

        assertThat(column(connection, "SELECT buyer FROM customer_order WHERE id = 8")).containsExactly("Grace");
    }
}
