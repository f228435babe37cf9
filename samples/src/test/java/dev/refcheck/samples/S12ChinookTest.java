package dev.refcheck.samples;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatDatabase;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatSchema;
import static dev.refcheck.samples.Jdbc.column;
import static dev.refcheck.samples.Jdbc.execute;
import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.orphans.OrphanAudit;
import dev.refcheck.postgres.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * In production: a real schema (chinook: 11 tables, 11 FKs, a self-referencing employee hierarchy) and test
 * data that nobody wants to hand-order. Rows written in a random order fail; rows restored with triggers off
 * leave orphans; and nobody can draw the FK graph from memory. refcheck loads rows in any order, audits every
 * FK for orphans, asserts the schema's FKs are indexed and loadable, and draws the graph from the catalog.
 */
@DisplayName("12. A real schema: chinook")
@RefCheck(schema = "classpath:samples/chinook/schema.sql")
class S12ChinookTest {

    @Test
    void shuffledRowsLoadOnceOrdered(Connection connection) throws Exception {
        List<String> pending = new ArrayList<>(rows());
        Collections.shuffle(pending, new Random(7));
        // refcheck: fixture loader replaces this (it orders by the FK graph instead of retrying)
        int passes = 0;
        while (!pending.isEmpty() && passes++ < rows().size()) {
            pending.removeIf(row -> Jdbc.succeeds(() -> execute(connection, row)));
        }

        assertThat(pending).isEmpty();
        assertThat(passes).as("the shuffled order needed more than one pass").isGreaterThan(1);
    }

    /** Without {@code @OrphanAudit(enabled = false)} refcheck's audit after the test would fail it with this report. */
    @Test
    @OrphanAudit(enabled = false)
    void theOrphanAuditFindsWhatARestoreWithoutTriggersLeft(Connection connection, TestDatabase database)
            throws Exception {
        execute(connection, rows().toArray(String[]::new));
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
        // refcheck: fixture loader's FK graph replaces this (with cycles and the load order)
        Map<String, String> edges = new TreeMap<>();
        database.catalog().foreignKeys().forEach(fk -> edges.merge(fk.child().name(), fk.parent().name(),
                (a, b) -> a + ", " + b));

        assertThat(edges.entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue()).collect(joining("\n")))
                .isEqualTo("""
                        album -> artist
                        customer -> employee
                        employee -> employee
                        invoice -> customer
                        invoice_line -> invoice, track
                        playlist_track -> playlist, track
                        track -> album, genre, media_type""");
    }

    private static List<String> rows() throws IOException {
        try (InputStream in = S12ChinookTest.class.getResourceAsStream("/samples/chinook/rows.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> line.startsWith("INSERT")).toList();
        }
    }
}
