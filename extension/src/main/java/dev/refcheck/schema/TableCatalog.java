package dev.refcheck.schema;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.Set;

/**
 * Every user table (with or without FKs): columns, types, defaults, owned sequences, primary and UNIQUE keys.
 * Two queries, whatever the number of tables.
 */
public final class TableCatalog {

    private static final String USER_TABLES = """
            c.relkind IN ('r', 'p') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
            AND n.nspname <> 'refcheck_baseline'""";

    /** Joins rather than per-column subqueries: a 240-table schema otherwise costs a hundred milliseconds. */
    private static final String COLUMNS = """
            WITH owned AS (
                SELECT dep.refobjid, dep.refobjsubid, quote_ident(sn.nspname) || '.' || quote_ident(s.relname) AS seq
                FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
                JOIN pg_namespace sn ON sn.oid = s.relnamespace
                WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass
                  AND dep.deptype IN ('a', 'i')),
            enums AS (
                SELECT enumtypid, array_agg(enumlabel::text ORDER BY enumsortorder) AS labels
                FROM pg_enum GROUP BY enumtypid)
            SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated <> '', o.seq, e.labels,
                   CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
            LEFT JOIN owned o ON o.refobjid = c.oid AND o.refobjsubid = a.attnum
            LEFT JOIN enums e ON e.enumtypid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END
            WHERE %s
            ORDER BY n.nspname, c.relname, a.attnum""".formatted(USER_TABLES);

    private static final String KEYS = """
            SELECT n.nspname, c.relname, k.contype::text,
                   ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
                         JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i)
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE k.contype IN ('p', 'u') AND %s
            ORDER BY n.nspname, c.relname, k.conname""".formatted(USER_TABLES);

    private final Map<TableRef, TableInfo> tables;

    private TableCatalog(Map<TableRef, TableInfo> tables) {
        this.tables = tables;
    }

    public static TableCatalog read(Connection connection) throws SQLException {
        Map<TableRef, List<Column>> columns = new LinkedHashMap<>();
        Map<TableRef, List<String>> primaryKeys = new LinkedHashMap<>();
        Map<TableRef, List<List<String>>> uniqueKeys = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(COLUMNS)) {
                while (rows.next()) {
                    columns.computeIfAbsent(new TableRef(rows.getString(1), rows.getString(2)), t -> new ArrayList<>())
                            .add(new Column(rows.getString(3), rows.getString(4), rows.getBoolean(5),
                                    rows.getString(6), rows.getString(7), rows.getBoolean(8), rows.getString(9),
                                    strings(rows.getArray(10)), rows.getString(11)));
                }
            }
            try (ResultSet rows = statement.executeQuery(KEYS)) {
                while (rows.next()) {
                    TableRef table = new TableRef(rows.getString(1), rows.getString(2));
                    if (rows.getString(3).equals("p")) {
                        primaryKeys.put(table, strings(rows.getArray(4)));
                    } else {
                        uniqueKeys.computeIfAbsent(table, t -> new ArrayList<>()).add(strings(rows.getArray(4)));
                    }
                }
            }
        }
        Map<TableRef, TableInfo> tables = new LinkedHashMap<>();
        columns.forEach((table, list) -> tables.put(table, new TableInfo(table, list,
                primaryKeys.getOrDefault(table, List.of()), uniqueKeys.getOrDefault(table, List.of()))));
        return new TableCatalog(tables);
    }

    public Optional<TableInfo> find(TableRef table) {
        return Optional.ofNullable(tables.get(table));
    }

    /** Every user table, FK-less ones included. */
    public Set<TableRef> tables() {
        return new TreeSet<>(tables.keySet());
    }

    /** The tables called {@code name} in any schema, {@code public} first. */
    public List<TableRef> named(String name) {
        return tables.keySet().stream().filter(table -> table.name().equals(name))
                .sorted((a, b) -> a.schema().equals("public") ? -1 : b.schema().equals("public") ? 1
                        : a.compareTo(b)).toList();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    @Override
    public String toString() {
        return "TableCatalog[" + tables.size() + " tables]";
    }
}
