package dev.refcheck.samples;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;

import dev.refcheck.fixtures.Fixture;
import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start: one annotation, a real PostgreSQL with the schema, a rolled-back transaction per
 * test, rows in any order, a FK violation asserted by its fields, and an orphan audit after every test.
 */
@DisplayName("00. Quick start")
@RefCheck(schema = "classpath:samples/child-before-parent.sql")
class S00QuickStartTest {

    @Test
    void anOrderCannotBeDeletedUnderItsLines(TestDatabase database, Connection connection) {
        database.load(Fixture.builder() // any order: refcheck inserts the order first
                .row("order_line", "order_id", 1, "line_no", 1, "item", "tea")
                .row("customer_order", "id", 1, "buyer", "Ada")
                .build());

        assertThatForeignKeyViolation(() -> connection.createStatement().execute("DELETE FROM customer_order"))
                .isParentStillReferenced().hasConstraint("order_line_order_id_fkey");
    } // then: the orphan audit, the deferred checks, the rollback
}
