package dev.refcheck.samples;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * In production: a job writes an order line before its order (two threads, or two services, or a retry that
 * replays only half the work). PostgreSQL refuses the line: SQLSTATE 23503, naming the constraint, the table
 * and the missing key. refcheck runs the same statements on a real PostgreSQL, so the test sees exactly that
 * refusal, and its assertions name the FK, both tables and the key; test data written in any order is loaded
 * parent first.
 */
@DisplayName("01. Insert a child before its parent")
@RefCheck(schema = "classpath:samples/child-before-parent.sql")
class S01ChildBeforeParentTest {

    @Test
    void aLineWithoutItsOrderIsRefused(TestDatabase database, Connection connection) {
        assertThatForeignKeyViolation(() -> insertLine(connection, 7, 1, "tea"))
                .using(database) // the referenced table comes from the catalog, schema-qualified
                .isMissingParent()
                .hasConstraint("order_line_order_id_fkey")
                .hasReferencingTable("order_line")
                .hasReferencedTable("customer_order")
                .hasKeyColumns("order_id").hasKeyValues(7);
    }

    @Test
    void theSameRowsParentFirstAreAccepted(Connection connection) throws SQLException {
        // refcheck: fixture loader replaces this (rows given in any order, loaded parent first)
        insertOrder(connection, 7, "Ada");
        insertLine(connection, 7, 1, "tea");
        insertLine(connection, 7, 2, "milk");

        assertThat(Jdbc.column(connection, "SELECT item FROM order_line WHERE order_id = 7 ORDER BY line_no"))
                .containsExactly("tea", "milk");
    }

    @Test
    void oneStatementMayWriteBothInAnyOrder(Connection connection) throws SQLException {
        // the FK is checked when the whole statement ends, so the line may come first within it
        Jdbc.execute(connection, """
                WITH line AS (INSERT INTO order_line VALUES (8, 1, 'bread'))
                INSERT INTO customer_order VALUES (8, 'Grace')""");

        assertThat(Jdbc.column(connection, "SELECT buyer FROM customer_order WHERE id = 8")).containsExactly("Grace");
    }

    private static void insertOrder(Connection connection, int id, String buyer) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO customer_order VALUES (?, ?)")) {
            insert.setInt(1, id);
            insert.setString(2, buyer);
            insert.executeUpdate();
        }
    }

    private static void insertLine(Connection connection, int order, int line, String item) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO order_line VALUES (?, ?, ?)")) {
            insert.setInt(1, order);
            insert.setInt(2, line);
            insert.setString(3, item);
            insert.executeUpdate();
        }
    }
}
