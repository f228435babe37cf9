package dev.refcheck.schema;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every FK of a database (or of some schemas), read from {@code pg_constraint} in one query. Partition clones
 * ({@code conparentid <> 0}) are left out; FKs on and to partitioned tables are kept once, as declared.
 */
public final class ForeignKeyCatalog {

    private static final String QUERY = """
            SELECT c.oid, c.conname,
                   ns.nspname, cl.relname,
                   ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i),
                   ARRAY(SELECT NOT a.attnotnull FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i),
                   np.nspname, pl.relname,
                   ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                         JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i),
                   c.confmatchtype::text, c.confdeltype::text, c.confupdtype::text,
                   %s,
                   c.condeferrable, c.condeferred, c.convalidated,
                   NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgconstraint = c.oid AND t.tgenabled = 'D')
            FROM pg_constraint c
            JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_namespace ns ON ns.oid = cl.relnamespace
            JOIN pg_class pl ON pl.oid = c.confrelid JOIN pg_namespace np ON np.oid = pl.relnamespace
            WHERE c.contype = 'f' AND c.conparentid = 0
              AND (cardinality(?::text[]) = 0 OR ns.nspname = ANY (?::text[]) OR np.nspname = ANY (?::text[]))
            ORDER BY ns.nspname, cl.relname, c.conname""";

    /** {@code ON DELETE SET NULL (col)} exists from PostgreSQL 15. */
    private static final String SET_COLUMNS_15 = """
            ARRAY(SELECT a.attname::text FROM unnest(c.confdelsetcols) k(n)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n)""";

    private final List<ForeignKey> foreignKeys;

    private ForeignKeyCatalog(List<ForeignKey> foreignKeys) {
        this.foreignKeys = List.copyOf(foreignKeys);
    }

    /**
     * Reads the FKs whose referencing or referenced table is in one of {@code schemas}; all FKs when none given.
     */
    public static ForeignKeyCatalog read(Connection connection, String... schemas) throws SQLException {
        boolean setColumns = connection.getMetaData().getDatabaseMajorVersion() >= 15;
        String sql = QUERY.formatted(setColumns ? SET_COLUMNS_15 : "ARRAY[]::text[]");
        List<ForeignKey> keys = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Array filter = connection.createArrayOf("text", schemas);
            statement.setArray(1, filter);
            statement.setArray(2, filter);
            statement.setArray(3, filter);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(new ForeignKey(rows.getLong(1), rows.getString(2),
                            new TableRef(rows.getString(3), rows.getString(4)), strings(rows.getArray(5)),
                            booleans(rows.getArray(6)), new TableRef(rows.getString(7), rows.getString(8)),
                            strings(rows.getArray(9)), MatchType.ofCode(rows.getString(10)),
                            ReferentialAction.ofCode(rows.getString(11)), ReferentialAction.ofCode(rows.getString(12)),
                            strings(rows.getArray(13)), rows.getBoolean(14), rows.getBoolean(15),
                            rows.getBoolean(16), rows.getBoolean(17)));
                }
            }
        }
        return new ForeignKeyCatalog(keys);
    }

    /** All FKs, ordered by referencing table then constraint name. */
    public List<ForeignKey> foreignKeys() {
        return foreignKeys;
    }

    /** The FKs that point at {@code table}: "what references this table?". */
    public List<ForeignKey> referencing(TableRef table) {
        return foreignKeys.stream().filter(fk -> fk.parent().equals(table)).toList();
    }

    /** The FKs declared on {@code table}. */
    public List<ForeignKey> declaredOn(TableRef table) {
        return foreignKeys.stream().filter(fk -> fk.child().equals(table)).toList();
    }

    /** The FK named {@code name} on {@code table}, if any. */
    public java.util.Optional<ForeignKey> find(TableRef table, String name) {
        return foreignKeys.stream().filter(fk -> fk.child().equals(table) && fk.name().equals(name)).findFirst();
    }

    /** Every table that takes part in a FK, either side. */
    public Set<TableRef> tables() {
        Set<TableRef> tables = new TreeSet<>();
        foreignKeys.forEach(fk -> {
            tables.add(fk.child());
            tables.add(fk.parent());
        });
        return tables;
    }

    public int size() {
        return foreignKeys.size();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static List<Boolean> booleans(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((Boolean[]) array.getArray());
    }

    @Override
    public String toString() {
        return "ForeignKeyCatalog[" + foreignKeys.size() + " FKs]";
    }

}
