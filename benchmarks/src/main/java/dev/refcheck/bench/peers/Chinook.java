package dev.refcheck.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chinook corpus (11 tables, 11 FKs, 15.6k rows): its schema, and its rows read back from a staging
 * database into a {@link Dataset}, so every tool loads identical values.
 */
public final class Chinook {

    /** Parents before children; employee rows by id, since each reports to a lower id. */
    public static final List<String> ORDER = List.of("genre", "media_type", "artist", "album", "track", "employee",
            "customer", "invoice", "invoice_line", "playlist", "playlist_track");

    private static final Map<String, String> KEY = Map.ofEntries(Map.entry("genre", "genre_id"),
            Map.entry("media_type", "media_type_id"), Map.entry("artist", "artist_id"),
            Map.entry("album", "album_id"), Map.entry("track", "track_id"), Map.entry("employee", "employee_id"),
            Map.entry("customer", "customer_id"), Map.entry("invoice", "invoice_id"),
            Map.entry("invoice_line", "invoice_line_id"), Map.entry("playlist", "playlist_id"),
            Map.entry("playlist_track", "playlist_id, track_id"));

    private final Path directory;

    public Chinook(Path directory) {
        this.directory = directory;
    }

    public String schemaSql() throws IOException {
        return Files.readString(directory.resolve("schema.sql"));
    }

    public String dataSql() throws IOException {
        return Files.readString(directory.resolve("data.sql"));
    }

    /** Reads every table of a database holding chinook's rows. */
    public static Dataset read(Connection connection) throws SQLException {
        Map<String, Dataset.Table> tables = new LinkedHashMap<>();
        for (String table : ORDER) {
            List<String> columns = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY " + KEY.get(table))) {
                ResultSetMetaData meta = result.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnName(i));
                }
                while (result.next()) {
                    Object[] row = new Object[columns.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = result.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
            tables.put(table, new Dataset.Table(table, List.copyOf(columns), List.copyOf(rows)));
        }
        return new Dataset(tables);
    }

    /** Row counts per table, to check that a tool really put the data set back. */
    public static Map<String, Long> counts(Connection connection) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : ORDER) {
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
                result.next();
                counts.put(table, result.getLong(1));
            }
        }
        return counts;
    }
}
