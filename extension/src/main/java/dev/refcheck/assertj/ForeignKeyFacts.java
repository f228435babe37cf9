package dev.refcheck.assertj;

import dev.refcheck.schema.ForeignKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Catalog facts about one FK that the FK catalog does not carry: indexes and column types. */
final class ForeignKeyFacts {

    /**
     * A valid, non-partial index whose leading columns are exactly the FK's columns (in any order), which is what
     * lets a parent delete find the referencing rows without a scan.
     */
    private static final String INDEX = """
            SELECT i.indexrelid::regclass::text FROM pg_index i
            WHERE i.indrelid = ?::regclass AND i.indisvalid AND i.indpred IS NULL AND i.indnkeyatts >= ?
              AND (SELECT array_agg(a.attname::text ORDER BY a.attname::text)
                   FROM unnest((i.indkey::int2[])[0:? - 1]) k(n)
                   JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n)
                  = (SELECT array_agg(c ORDER BY c) FROM unnest(?::text[]) c)
            ORDER BY 1 LIMIT 1""";

    private static final String TYPES = """
            SELECT format_type(a.atttypid, a.atttypmod) FROM unnest(?::text[]) WITH ORDINALITY c(name, i)
            JOIN pg_attribute a ON a.attrelid = ?::regclass AND a.attname = c.name ORDER BY c.i""";

    private ForeignKeyFacts() {
    }

    static Optional<String> index(Connection connection, ForeignKey fk) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INDEX)) {
            statement.setString(1, fk.child().sql());
            statement.setInt(2, fk.childColumns().size());
            statement.setInt(3, fk.childColumns().size());
            statement.setArray(4, connection.createArrayOf("text", fk.childColumns().toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** The columns' SQL types, e.g. {@code character(2)}, {@code bigint}, in the order given. */
    static List<String> types(Connection connection, String table, List<String> columns) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(TYPES)) {
            statement.setArray(1, connection.createArrayOf("text", columns.toArray()));
            statement.setString(2, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(rows.getString(1));
                }
            }
        }
        return result;
    }
}
