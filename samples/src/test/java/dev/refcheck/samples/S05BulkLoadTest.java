package dev.refcheck.samples;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatDatabase;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKey;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static dev.refcheck.samples.Jdbc.batch;
import static dev.refcheck.samples.Jdbc.column;
import static dev.refcheck.samples.Jdbc.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refcheck.fixtures.LoadResult;
import dev.refcheck.jupiter.Dataset;
import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.orphans.OrphanAudit;
import dev.refcheck.postgres.TestDatabase;
import dev.refcheck.schema.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * In production: an import writes stock movements before the products they move and fails half way; or it
 * runs with triggers disabled (as {@code pg_restore --disable-triggers} does, or a "fast load" script) and
 * succeeds, leaving movements that point at no product. Nothing reports them: re-enabling the triggers does
 * not check old rows. refcheck loads a dataset file's rows in FK order, whatever order the file lists them
 * in, with every FK enforced; and its orphan audit finds what a load without triggers left behind.
 */
@DisplayName("05. Bulk loads: wrong order, and triggers disabled")
@RefCheck(schema = "classpath:samples/bulk-load.sql")
class S05BulkLoadTest {

    private static final String[] PRODUCTS = {
        "INSERT INTO product VALUES (1, 'bolt')", "INSERT INTO product VALUES (2, 'nut')"};
    private static final String[] MOVES = {
        "INSERT INTO stock_move VALUES (10, 1, 500)", "INSERT INTO stock_move VALUES (11, 2, -20)"};

    @Test
    void aBatchInTheWrongOrderFails(Connection connection) {
        // the fields sit on the BatchUpdateException's next exception: the assertion looks there too
        assertThatForeignKeyViolation(() -> batch(connection, MOVES, PRODUCTS))
                .isMissingParent().hasConstraint("stock_move_product_fk").hasReferencedTable("product")
                .hasKeyColumns("product_id").hasKeyValues(1);
    }

    @Test
    @Dataset("classpath:samples/bulk-load.yml") // the movements come first in the file, as the export wrote them
    void theSameRowsFromADatasetFileLoadInForeignKeyOrder(LoadResult loaded, Connection connection)
            throws SQLException {
        assertThat(loaded.plan().insertOrder()).containsExactly(TableRef.of("product"), TableRef.of("stock_move"));
        assertThat(column(connection, "SELECT sum(qty) FROM stock_move")).containsExactly("480");
    }

    /** Without {@code @OrphanAudit(enabled = false)} refcheck's audit after the test would fail it with this report. */
    @Test
    @OrphanAudit(enabled = false)
    void aLoadWithTriggersDisabledLeavesOrphansThatOnlyAnAuditFinds(Connection connection, TestDatabase database)
            throws SQLException {
        execute(connection, "ALTER TABLE stock_move DISABLE TRIGGER ALL"); // needs a superuser, as in most restores
        assertThat(database.catalog().find(TableRef.of("stock_move"), "stock_move_product_fk").orElseThrow()
                .triggersEnabled()).as("the catalog sees the FK switched off").isFalse();

        batch(connection, MOVES, new String[] {"INSERT INTO product VALUES (1, 'bolt')"});
        execute(connection, "ALTER TABLE stock_move ENABLE TRIGGER ALL");
        assertThatForeignKey(database, "stock_move_product_fk").hasTriggersEnabled(); // enforced again, yet:

        assertThatDatabase(database).hasOrphans("stock_move_product_fk", 1);
        assertThatThrownBy(() -> assertThatDatabase(database).hasNoOrphans()).hasMessageContaining("""
                FK "stock_move_product_fk" on "public"."stock_move" ("product_id") -> "public"."product" ("id")""")
                .hasMessageContaining("1 orphan row; keys: (\"product_id\")=(2)");
    }
}
