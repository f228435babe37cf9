package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatSchema;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

@RefCheck(schema = "classpath:db/shop.sql")
class SchemaAssert_hasForeignKey_Test {

    @Test
    void passes_for_declared_foreign_keys(TestDatabase database) {
        assertThatSchema(database)
                .hasForeignKey("order_line", "order")
                .hasForeignKey("public.customer", List.of("country"), "country", List.of("code"));
    }

    @Test
    void fails_for_a_missing_foreign_key_listing_what_the_table_declares(TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatSchema(database)
                        .hasForeignKey("order_line", List.of("order_id"), "customer", List.of("id")))
                .withMessage(String.format("%n"
                        + "Expecting%n"
                        + "  the schema's foreign keys%n"
                        + "to have order_line(order_id) -> customer(id)%n"
                        + "but order_line declares:%n"
                        + "  order_line_order_id_fkey: public.order_line(order_id) -> public.order(id)"));
    }

    @Test
    void fails_for_a_table_without_foreign_keys(TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThatSchema(database).hasForeignKey("country", "customer"))
                .withMessageEndingWith(String.format("to have country -> customer%nbut country declares no foreign key"));
    }
}
