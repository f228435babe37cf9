package dev.refcheck.samples;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static dev.refcheck.samples.Jdbc.column;
import static dev.refcheck.samples.Jdbc.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import dev.refcheck.schema.ForeignKey;
import dev.refcheck.schema.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * In production: before deleting products, renaming a key or archiving a table you ask "what references this
 * table?". The usual pg_constraint query answers it, but on a partitioned child it lists every partition's copy
 * of the FK too. refcheck's catalog answers the question once per declared FK, with columns and actions, and
 * agrees with the query that leaves the partition copies out ({@code conparentid = 0}); its assertions accept
 * the partition PostgreSQL reports in a violation and the table the FK is declared on.
 */
@DisplayName("11. Which tables reference this one")
@RefCheck(schema = "classpath:samples/who-references.sql")
class S11WhoReferencesTest {

    private static final String REFERENCING_PRODUCT = """
            SELECT n.nspname || '.' || t.relname || ' ' || c.conname
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE c.contype = 'f' AND c.confrelid = 'public.product'::regclass %s
            ORDER BY 1""";

    @Test
    void theCatalogAgreesWithPgConstraint(TestDatabase database, Connection connection) throws SQLException {
        List<String> fromCatalog = database.catalog().referencing(TableRef.of("product")).stream()
                .map(fk -> fk.child() + " " + fk.name()).sorted().toList();

        assertThat(fromCatalog)
                .isEqualTo(column(connection, REFERENCING_PRODUCT.formatted("AND c.conparentid = 0")))
                .containsExactly(
                        "billing.invoice_line invoice_line_product_id_fkey",
                        "public.bundle_item bundle_item_bundle_id_fkey",
                        "public.bundle_item bundle_item_item_id_fkey",
                        "public.review review_product_id_fkey",
                        "public.sale sale_product_id_fkey");
    }

    @Test
    void thePlainQueryAlsoListsEveryPartitionsCopy(Connection connection) throws SQLException {
        assertThat(column(connection, REFERENCING_PRODUCT.formatted("")))
                .contains("public.sale_2025 sale_product_id_fkey", "public.sale_2026 sale_product_id_fkey")
                .hasSize(7);
    }

    @Test
    void aViolationNamesThePartitionWhileTheForeignKeyBelongsToThePartitionedTable(TestDatabase database,
                                                                                   Connection connection) {
        assertThatForeignKeyViolation(() -> execute(connection, "INSERT INTO sale VALUES (1, 999, '2025-03-01')"))
                .using(database) // PostgreSQL reports the partition; the catalog knows where the FK is declared
                .hasConstraint("sale_product_id_fkey").hasReferencingTable("sale_2025").hasReferencingTable("sale")
                .hasReferencedTable("product").hasKeyValues(999);
    }

    @Test
    void eachForeignKeyComesWithItsColumns(TestDatabase database) {
        assertThat(database.catalog().referencing(TableRef.of("product")))
                .filteredOn(fk -> fk.child().equals(TableRef.of("bundle_item")))
                .extracting(ForeignKey::childColumns)
                .containsExactlyInAnyOrder(List.of("bundle_id"), List.of("item_id"));
    }
}
