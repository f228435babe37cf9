package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKey;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatParentDeleted;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatSchema;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The snippet of docs/assertions.md, run as written against db/shop.sql. */
@RefCheck(schema = "classpath:db/shop.sql")
class RefCheckAssertions_usage_Test {

    @BeforeEach
    void customerWithAnOrder(Connection connection) throws SQLException {
        Db.exec(connection, "INSERT INTO customer (id, name, country) VALUES (42, 'Ada', 'FR')",
                "INSERT INTO \"order\" (id, customer_id) OVERRIDING SYSTEM VALUE VALUES (7, 42)",
                "INSERT INTO order_line VALUES (7, 1, 'tea')");
    }

    @Test
    void aCustomerWithOrdersCannotBeDeleted(TestDatabase database, Connection connection) {
        assertThatForeignKeyViolation(() -> Db.exec(connection, "DELETE FROM customer WHERE id = 42"))
                .using(database)
                .isParentStillReferenced()
                .hasConstraint("order_customer_id_fkey")
                .hasReferencingTable("order")
                .hasReferencedTable("customer")
                .hasKeyColumns("id").hasKeyValues(42);
    }

    @Test
    void foreignKeysBehaveAsDesigned(TestDatabase database) {
        assertThatForeignKey(database, "order_line_order_id_fkey")
                .references("order", "id").hasIndexOnReferencingColumns().hasMatchingColumnTypes()
                .whenParentDeleted(7).cascades();
        assertThatParentDeleted(database, "order_customer_id_fkey", 42).isRefused().isNoAction();
        assertThatSchema(database).hasForeignKey("order", "customer").hasOnlyLoadableCycles();
    }
}
