package dev.refcheck.orphans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.refcheck.assertj.RefCheckAssertions;
import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

@RefCheck(schema = "classpath:db/orphans.sql")
@OrphanAudit(enabled = false)
class OrphansAssert_hasNoOrphans_Test {

    @Test
    void passesOnADatabaseWithoutOrphans(Connection connection) throws SQLException {
        // GIVEN the legacy orphans are gone
        OrphanDetectorTest.run(connection, "DELETE FROM legacy_order WHERE warehouse_id > 2");
        // WHEN / THEN
        RefCheckAssertions.assertThatDatabase(connection).hasNoOrphans();
    }

    @Test
    void failsWithTheReport(TestDatabase database) throws SQLException {
        // GIVEN an orphan under a disabled trigger, next to the two legacy ones
        OrphanDetectorTest.run(database.connection(), "DELETE FROM legacy_order WHERE warehouse_id > 2",
                "ALTER TABLE stock DISABLE TRIGGER ALL", "INSERT INTO stock VALUES (1, 1, 'A', '100%')");
        // WHEN
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> RefCheckAssertions.assertThatDatabase(database).hasNoOrphans());
        // THEN
        assertThat(error).hasMessage("""

                Expecting database "%s" to have no orphans, but found 1 orphan row in 1 foreign key:
                  FK "stock_sku_fkey" on "public"."stock" ("sku") -> "public"."product" ("sku") [RI triggers disabled]
                    1 orphan row; keys: ("sku")=(100%%)
                    find them: SELECT c.* FROM "public"."stock" AS c WHERE c."sku" IS NOT NULL AND NOT EXISTS\
                 (SELECT 1 FROM "public"."product" AS p WHERE p."sku" = c."sku") ORDER BY c."sku"
                    clean up:  DELETE FROM "public"."stock" AS c WHERE c."sku" IS NOT NULL AND NOT EXISTS\
                 (SELECT 1 FROM "public"."product" AS p WHERE p."sku" = c."sku")""".formatted(database.name()));
    }

    @Test
    void countsTheOrphansOfOneForeignKeyIncludingLogicalOnes(Connection connection) throws SQLException {
        // GIVEN
        OrphanDetectorTest.run(connection, "INSERT INTO review VALUES (1, 'tea'), (2, 'nope'), (3, 'gone')");
        // WHEN / THEN
        RefCheckAssertions.assertThatDatabase(connection).withLogicalForeignKeys("review(product_sku) -> product(sku)")
                .hasOrphans("logical review(product_sku) -> product(sku)", 2)
                .hasOrphans("legacy_order_warehouse_fkey", 2)
                .hasNoOrphansIn("stock_sku_fkey");
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> RefCheckAssertions.assertThatDatabase(connection).hasOrphans("stock_sku_fkey", 1));
        assertThat(error.getMessage()).startsWith(
                "\nExpecting the database to have 1 orphan row in stock_sku_fkey, but found 0:\n"
                        + "  FK \"legacy_order_warehouse_fkey\"");
    }
}
