package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatSchema;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** hasIndexesOnAllReferencingColumns and hasMatchingColumnTypesOnAllForeignKeys. */
@RefCheck(schema = "classpath:db/shop.sql")
class SchemaAssert_allForeignKeys_Test {

    @Test
    void passes_once_every_foreign_key_is_indexed(Connection connection) throws SQLException {
        Db.exec(connection, "CREATE INDEX ON customer (country)", "CREATE INDEX ON \"order\" (customer_id)");
        assertThatSchema(connection).hasIndexesOnAllReferencingColumns();
    }

    @Test
    void fails_listing_each_unindexed_foreign_key_with_its_fix(TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThatSchema(database).hasIndexesOnAllReferencingColumns())
                .withMessage(String.format("%n"
                        + "Expecting%n"
                        + "  the schema's foreign keys%n"
                        + "to have an index on every FK's referencing columns%n"
                        + "but 2 have none:%n"
                        + "  customer_country_fkey: public.customer(country) -> public.country(code)%n"
                        + "  order_customer_id_fkey: public.order(customer_id) -> public.customer(id)%n"
                        + "Fix:%n"
                        + "  CREATE INDEX ON \"public\".\"customer\" (\"country\");%n"
                        + "  CREATE INDEX ON \"public\".\"order\" (\"customer_id\");"));
    }

    @Test
    void passes_for_matching_types(TestDatabase database) {
        assertThatSchema(database).hasMatchingColumnTypesOnAllForeignKeys();
    }

    @Test
    void fails_listing_each_mismatched_pair(Connection connection) throws SQLException {
        Db.exec(connection, "CREATE TABLE note (customer_id bigint REFERENCES customer, country varchar(2)"
                + " REFERENCES country)");
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThatSchema(connection).hasMatchingColumnTypesOnAllForeignKeys())
                .withMessage(String.format("%n"
                        + "Expecting%n"
                        + "  the schema's foreign keys%n"
                        + "to have the same column types on both sides%n"
                        + "but 2 column pair(s) differ:%n"
                        + "  note_country_fkey: public.note.country is character varying(2) but public.country.code"
                        + " is character(2)%n"
                        + "  note_customer_id_fkey: public.note.customer_id is bigint but public.customer.id is"
                        + " integer"));
    }
}
