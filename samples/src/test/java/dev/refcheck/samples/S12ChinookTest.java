package dev.refcheck.samples;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatDatabase;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatSchema;
import static dev.refcheck.samples.Jdbc.column;
import static dev.refcheck.samples.Jdbc.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refcheck.fixtures.Datasets;
import dev.refcheck.fixtures.Fixture;
import dev.refcheck.fixtures.FixtureRow;
import dev.refcheck.graph.CycleStrategy;
import dev.refcheck.graph.LoadPlan;
import dev.refcheck.graph.TableGraph;
import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.orphans.OrphanAudit;
import dev.refcheck.postgres.TestDatabase;
import dev.refcheck.schema.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * In production: a real schema (chinook: 11 tables, 11 FKs, a self-referencing employee hierarchy) and test data
 * that nobody wants to hand-order. Rows written in a random order fail; rows restored with triggers off leave
 * orphans; and nobody can draw the FK graph from memory. refcheck loads rows in any order, audits every FK for
 * orphans, asserts the schema's FKs are indexed and loadable, and draws the graph from the catalog.
 */
@DisplayName("12. A real schema: chinook")
@RefCheck(schema = "classpath:samples/chinook/schema.sql")
class S12ChinookTest {

    private static final Fixture CHINOOK = Datasets.read("classpath:samples/chinook/rows.yml");

    @Test
    void shuffledRowsLoadInForeignKeyOrder(TestDatabase database, Connection connection) throws SQLException {
        List<FixtureRow> rows = new ArrayList<>(CHINOOK.rows());
        Collections.shuffle(rows, new Random(7));

        assertThat(database.load(Fixture.of(rows)).totalRows()).isEqualTo(13);
        assertThat(column(connection, "SELECT c.first_name || ' bought ' || t.name FROM invoice_line JOIN invoice"
                + " USING (invoice_id) JOIN customer c USING (customer_id) JOIN track t USING (track_id)"))
                .containsExactly("Luís bought For Those About To Rock (We Salute You)");
    }

    /** Without {@code @OrphanAudit(enabled = false)} refcheck's audit after the test would fail it with this report. */
    @Test
    @OrphanAudit(enabled = false)
    void theOrphanAuditFindsWhatARestoreWithoutTriggersLeft(Connection connection, TestDatabase database)
            throws SQLException {
        database.load(CHINOOK);
        execute(connection, "SET session_replication_role = replica", // as pg_restore --disable-triggers loads
                "INSERT INTO invoice_line VALUES (532, 98, 3248, 1.99, 1)", "SET session_replication_role = DEFAULT");

        assertThatDatabase(database).hasNoOrphansIn("invoice_line_invoice_id_fkey")
                .hasOrphans("invoice_line_track_id_fkey", 1);
        assertThatThrownBy(() -> assertThatDatabase(database).hasNoOrphans())
                .hasMessageContaining("1 orphan row; keys: (\"track_id\")=(3248)");
    }

    @Test
    void theSchemaIndexesEveryForeignKeyAndHasNoUnloadableCycle(TestDatabase database) {
        assertThatSchema(database).hasIndexesOnAllReferencingColumns().hasMatchingColumnTypesOnAllForeignKeys()
                .hasOnlyBreakableCycles(); // employee -> employee: reports_to is nullable, the top has no boss
    }

    @Test
    void theForeignKeyGraphFromTheCatalog(TestDatabase database) {
        LoadPlan plan = TableGraph.of(database.catalog()).plan(); // .toMermaid() draws it: see the README

        assertThat(plan.insertOrder()).extracting(TableRef::name).containsExactly("artist", "album", "employee",
                "customer", "genre", "invoice", "media_type", "playlist", "track", "invoice_line", "playlist_track");
        assertThat(plan.cycles()).hasSize(1); // employee -> employee: its rows in one statement, checked at its end
        assertThat(plan.cycleOf(TableRef.of("employee")).orElseThrow().strategy()).isEqualTo(CycleStrategy.ROW_ORDER);
    }
}
