package dev.refcheck.samples;

import static dev.refcheck.samples.Jdbc.column;
import static dev.refcheck.samples.Jdbc.execute;
import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import dev.refcheck.schema.ForeignKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * In production: a real schema (chinook: 11 tables, 11 FKs, a self-referencing employee hierarchy) and test
 * data that nobody wants to hand-order. Rows written in a random order fail; rows restored with triggers off
 * leave orphans; and nobody can draw the FK graph from memory. refcheck loads rows in any order, audits every
 * FK for orphans, and draws the graph from the catalog.
 */
@DisplayName("12. A real schema: chinook")
@RefCheck(schema = "classpath:samples/chinook/schema.sql")
class S12ChinookTest {

    /** A slice of chinook's own rows (data.sql), cut to the columns that matter here. */
    private static final List<String> ROWS = List.of(
            "INSERT INTO genre VALUES (1, 'Rock')",
            "INSERT INTO media_type VALUES (1, 'MPEG audio file')",
            "INSERT INTO artist VALUES (1, 'AC/DC')",
            "INSERT INTO album VALUES (1, 'For Those About To Rock We Salute You', 1)",
            "INSERT INTO track (track_id, name, album_id, media_type_id, genre_id, milliseconds, unit_price)"
                    + " VALUES (1, 'For Those About To Rock (We Salute You)', 1, 1, 1, 343719, 0.99)",
            "INSERT INTO employee (employee_id, last_name, first_name, reports_to) VALUES (1, 'Adams', 'Andrew', NULL)",
            "INSERT INTO employee (employee_id, last_name, first_name, reports_to) VALUES (2, 'Edwards', 'Nancy', 1)",
            "INSERT INTO employee (employee_id, last_name, first_name, reports_to) VALUES (3, 'Peacock', 'Jane', 2)",
            "INSERT INTO customer (customer_id, first_name, last_name, email, support_rep_id)"
                    + " VALUES (1, 'Luís', 'Gonçalves', 'luisg@embraer.com.br', 3)",
            "INSERT INTO invoice (invoice_id, customer_id, invoice_date, total) VALUES (98, 1, '2022-03-11', 0.99)",
            "INSERT INTO invoice_line VALUES (531, 98, 1, 0.99, 1)",
            "INSERT INTO playlist VALUES (1, 'Music')",
            "INSERT INTO playlist_track VALUES (1, 1)");

    @Test
    void shuffledRowsLoadOnceOrdered(Connection connection) throws SQLException {
        List<String> pending = new ArrayList<>(ROWS);
        Collections.shuffle(pending, new Random(7));
        // refcheck: fixture loader replaces this (it orders by the FK graph instead of retrying)
        int rounds = 0;
        while (!pending.isEmpty() && rounds++ < ROWS.size()) {
            pending.removeIf(row -> Jdbc.succeeds(() -> execute(connection, row)));
        }

        assertThat(pending).isEmpty();
        assertThat(rounds).as("the shuffled order needed more than one pass").isGreaterThan(1);
    }

    @Test
    void theOrphanAuditFindsWhatARestoreWithoutTriggersLeft(Connection connection, TestDatabase database)
            throws SQLException {
        ROWS.forEach(row -> assertThat(Jdbc.succeeds(() -> execute(connection, row))).as(row).isTrue());
        execute(connection, "SET session_replication_role = replica", // how pg_restore --disable-triggers loads
                "INSERT INTO invoice_line VALUES (532, 98, 3248, 1.99, 1)", "SET session_replication_role = DEFAULT");

        // refcheck: orphan audit replaces this
        Map<String, String> orphans = new TreeMap<>();
        for (ForeignKey fk : database.catalog().foreignKeys()) {
            String on = IntStream.range(0, fk.childColumns().size()).mapToObj(i -> "p." + quote(fk.parentColumns().get(i))
                    + " = c." + quote(fk.childColumns().get(i))).collect(joining(" AND "));
            List<String> keys = column(connection, "SELECT c." + quote(fk.childColumns().get(0)) + " FROM " + fk.child().sql()
                    + " c WHERE NOT EXISTS (SELECT 1 FROM " + fk.parent().sql() + " p WHERE " + on + ")"
                    + fk.childColumns().stream().map(col -> " AND c." + quote(col) + " IS NOT NULL").collect(joining()));
            if (!keys.isEmpty()) {
                orphans.put(fk.describe(), String.join(", ", keys));
            }
        }
        assertThat(orphans).containsExactly(
                Map.entry("invoice_line_track_id_fkey: public.invoice_line(track_id) -> public.track(track_id)", "3248"));
    }

    @Test
    void theForeignKeyGraphFromTheCatalog(TestDatabase database) {
        // refcheck: fixture loader's FK graph replaces this (with cycles and the load order)
        Map<String, String> edges = new TreeMap<>();
        database.catalog().foreignKeys().forEach(fk -> edges.merge(fk.child().name(), fk.parent().name(), (a, b) -> a + ", " + b));

        assertThat(edges).hasSize(7).containsEntry("employee", "employee").containsEntry("invoice_line", "invoice, track")
                .containsEntry("track", "album, genre, media_type").containsEntry("customer", "employee");
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
