package dev.refcheck.postgres;

import dev.refcheck.internal.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The state a schema leaves a template in, so CLEAN can put a touched table back: which tables had rows
 * (kept as copies in the {@value #SCHEMA} schema), where their sequences stood, and who references whom.
 */
public final class Baseline {

    /** Where copies of the schema's own rows are kept; refcheck ignores it everywhere else. */
    public static final String SCHEMA = "refcheck_baseline";

    /**
     * A plain table of the user's schema. {@code exact}: the insertable columns whose {@code =} holds only for
     * identical values; {@code key}: the primary key's columns, empty when it has none or when its rows cannot
     * be put back one by one (a GENERATED ALWAYS identity column outside the key cannot be updated).
     */
    record Table(long oid, String qualifiedName, boolean seeded, List<String> insertableColumns, Set<String> exact,
                 List<String> key, List<String> sequenceResets) {
    }

    /** The insertable columns of a table, in order, and which of them compare exactly or are always identity. */
    private record Columns(List<String> names, Set<String> exact, Set<String> alwaysIdentity) {
        static final Columns NONE = new Columns(List.of(), Set.of(), Set.of());
    }

    private final Map<Long, Table> tables;
    /** parent oid -> oids of the tables with a FK to it */
    private final Map<Long, Set<Long>> referencedBy;
    private final boolean userTriggers;

    private Baseline(Map<Long, Table> tables, Map<Long, Set<Long>> referencedBy, boolean userTriggers) {
        this.tables = tables;
        this.referencedBy = referencedBy;
        this.userTriggers = userTriggers;
    }

    static Baseline capture(Connection connection) throws SQLException {
        return capture(connection, true);
    }

    /**
     * Reads the state; with {@code keepRows}, copies the rows of every non-empty table into {@value #SCHEMA}
     * (unless they are there already) so CLEAN can restore them. Without it nothing is written.
     */
    static Baseline capture(Connection connection, boolean keepRows) throws SQLException {
        Map<Long, String> names = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT c.oid, n.nspname, c.relname
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                       AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'refcheck_baseline'
                     ORDER BY c.oid""")) {
            while (rows.next()) {
                names.put(rows.getLong(1), Sql.qualified(rows.getString(2), rows.getString(3)));
            }
        }
        Set<Long> seeded = seeded(connection, names);
        Map<Long, Columns> columns = insertableColumns(connection, seeded);
        Map<Long, List<String>> keys = primaryKeys(connection);
        Map<Long, List<String>> sequences = sequenceResets(connection);
        Map<Long, Table> tables = new LinkedHashMap<>();
        names.forEach((oid, name) -> {
            Columns insertable = columns.getOrDefault(oid, Columns.NONE);
            List<String> key = keys.getOrDefault(oid, List.of());
            boolean byRow = insertable.names().containsAll(key) && key.containsAll(insertable.alwaysIdentity());
            tables.put(oid, new Table(oid, name, seeded.contains(oid), insertable.names(), insertable.exact(),
                    byRow ? key : List.of(), sequences.getOrDefault(oid, List.of())));
        });
        if (keepRows && !seeded.isEmpty() && !schemaExists(connection)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + SCHEMA);
                for (long oid : seeded) {
                    statement.execute("CREATE TABLE " + copyOf(oid) + " AS SELECT "
                            + Sql.columnList(columns.get(oid).names()) + " FROM ONLY " + names.get(oid));
                }
            }
        }
        return new Baseline(tables, referencedBy(connection), userTriggers(connection));
    }

    /**
     * Whether the schema has a user trigger or rule that can fire: then a restore without the replica role can
     * write to other tables than those it puts back.
     */
    boolean userTriggers() {
        return userTriggers;
    }

    private static boolean userTriggers(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT EXISTS (SELECT FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D')
                         OR EXISTS (SELECT FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class
                                    WHERE r.ev_type <> '1' AND r.ev_enabled <> 'D' AND c.relkind = 'r')""")) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    /** The tables' qualified names, for messages. */
    List<String> names(Collection<Long> oids) {
        return oids.stream().filter(tables::containsKey).map(oid -> tables.get(oid).qualifiedName()).toList();
    }

    /** Every plain table of the schema. */
    Collection<Long> tableOids() {
        return tables.keySet();
    }

    /**
     * How to put {@code touched} tables back as the schema left them: {@link Restore#rows()} first, and
     * {@link Restore#tables()} if that fails. {@code withoutRiChecks}: the statements run under
     * {@code session_replication_role = replica}.
     */
    Restore restore(Collection<Long> touched, boolean withoutRiChecks) {
        Steps deletes = new Steps();
        Steps inserts = new Steps();
        for (long oid : closure(touched, withoutRiChecks)) {
            deletes.deleteAll(tables.get(oid));
            inserts.insertAll(tables.get(oid));
        }
        List<String> whole = new ArrayList<>(deletes.sql());
        whole.addAll(inserts.sql());
        Set<Long> keyless = closure(touched.stream().map(tables::get)
                .filter(t -> t != null && t.seeded() && t.key().isEmpty()).map(Table::oid).toList(), withoutRiChecks);
        if (!keyless.isEmpty() && !withoutRiChecks) {
            // a cascade from a rebuilt table fires after its statement and would hit the rows put back in it
            return new Restore(whole, whole);
        }
        Steps rows = new Steps();
        for (long oid : new TreeSet<>(touched)) {
            Table table = tables.get(oid);
            if (keyless.contains(oid)) {
                rows.deleteAll(table);
                rows.insertAll(table);
            } else if (table != null) {
                rows.putRowsBack(table);
            }
        }
        return new Restore(rows.sql(), whole);
    }

    /**
     * Two ways to put touched tables back, each the statements of one transaction; empty when nothing is to be
     * done. {@code rows} changes only the rows the test changed: rows whose key is not in the baseline copy are
     * deleted, rows whose key is but whose values differ are updated back, missing rows are inserted. Untouched
     * rows keep their versions, so their children need nothing. It fails where a test left unique values crossed
     * between rows; {@code tables} then deletes whole tables in one statement and re-inserts them in another.
     */
    record Restore(List<String> rows, List<String> tables) {
        boolean isEmpty() {
            return rows.isEmpty();
        }
    }

    /**
     * The tables to rebuild whole: {@code start} and, with RI checks on, the seeded tables referencing a
     * rebuilt seeded one (deleting its rows would otherwise cascade into them or be refused). Under the
     * replica role no action fires, and re-inserted parents keep the children valid.
     */
    private Set<Long> closure(Collection<Long> start, boolean withoutRiChecks) {
        Set<Long> affected = new TreeSet<>();
        List<Long> work = new ArrayList<>(start);
        while (!work.isEmpty()) {
            long oid = work.remove(work.size() - 1);
            Table table = tables.get(oid);
            if (table == null || !affected.add(oid)) {
                continue;
            }
            if (table.seeded() && !withoutRiChecks) {
                for (long child : referencedBy.getOrDefault(oid, Set.of())) {
                    if (tables.containsKey(child) && tables.get(child).seeded()) {
                        work.add(child);
                    }
                }
            }
        }
        return affected;
    }

    /**
     * Deletes, updates and inserts run as one statement, so RI checks see only the end state (order and cycles
     * do not matter), and in that order, so a unique value a deleted row held is free for the row that gets it
     * back. SQL leaves the order of a statement's parts open; reading each step's results in the next forces it.
     */
    private static final class Steps {
        private static final String AFTER_DELETES = "(SELECT n FROM deleted) >= 0";
        private static final String AFTER_UPDATES = "(SELECT n FROM updated) >= 0";

        private final List<String> deletes = new ArrayList<>();
        private final List<String> updates = new ArrayList<>();
        private final List<String> inserts = new ArrayList<>();
        private final List<String> resets = new ArrayList<>();

        /**
         * Only the rows that differ from the copy, matched by key. Columns that do not compare exactly (see
         * {@link #insertableColumns}) are compared as text, byte for byte.
         */
        void putRowsBack(Table table) {
            String name = table.qualifiedName();
            resets.addAll(table.sequenceResets());
            if (!table.seeded()) {
                deletes.add("DELETE FROM ONLY " + name);
                return;
            }
            String copy = copyOf(table.oid());
            String sameKey = table.key().stream().map(Sql::quote).map(c -> "t." + c + " = b." + c)
                    .collect(Collectors.joining(" AND "));
            // an exact key column is equal already; any other may differ in ways its = does not see
            List<String> compared = table.insertableColumns().stream()
                    .filter(c -> !(table.key().contains(c) && table.exact().contains(c))).toList();
            deletes.add("DELETE FROM ONLY " + name + " t WHERE NOT EXISTS (SELECT FROM " + copy + " b WHERE "
                    + sameKey + ")");
            if (!compared.isEmpty()) {
                updates.add("UPDATE ONLY " + name + " t SET " + compared.stream().map(Sql::quote)
                        .map(c -> c + " = b." + c).collect(Collectors.joining(", ")) + " FROM " + copy + " b WHERE "
                        + sameKey + " AND (" + compared.stream().map(c -> differs(c, table.exact().contains(c)))
                        .collect(Collectors.joining(" OR ")) + ") AND " + AFTER_DELETES);
            }
            inserts.add(insertFromCopy(table, "NOT EXISTS (SELECT FROM ONLY " + name + " t WHERE " + sameKey + ") AND "
                    + AFTER_UPDATES));
        }

        private static String differs(String column, boolean exact) {
            String c = Sql.quote(column);
            return exact ? "t." + c + " IS DISTINCT FROM b." + c
                    : "t." + c + "::text COLLATE \"C\" IS DISTINCT FROM b." + c + "::text COLLATE \"C\"";
        }

        void deleteAll(Table table) {
            resets.addAll(table.sequenceResets());
            deletes.add("DELETE FROM ONLY " + table.qualifiedName());
        }

        void insertAll(Table table) {
            if (table.seeded()) {
                inserts.add(insertFromCopy(table, AFTER_UPDATES));
            }
        }

        /** Rows of the table's baseline copy ({@code b}) that {@code where} picks, identity values as they were. */
        private static String insertFromCopy(Table table, String where) {
            return "INSERT INTO " + table.qualifiedName() + " (" + Sql.columnList(table.insertableColumns())
                    + ") OVERRIDING SYSTEM VALUE SELECT " + prefixed("b.", table.insertableColumns()) + " FROM "
                    + copyOf(table.oid()) + " b WHERE " + where;
        }

        List<String> sql() {
            if (deletes.isEmpty() && inserts.isEmpty()) {
                return List.of();
            }
            List<String> sql = new ArrayList<>();
            if (updates.isEmpty() && inserts.isEmpty()) {
                // deletes only (tables the schema left empty): nothing comes after them to order
                sql.add(deletes.size() == 1 ? deletes.get(0) : "WITH " + IntStream.range(0, deletes.size() - 1)
                        .mapToObj(i -> "d" + i + " AS (" + deletes.get(i) + ")").collect(Collectors.joining(", "))
                        + " " + deletes.get(deletes.size() - 1));
            } else {
                sql.add(ordered());
            }
            if (!resets.isEmpty()) {
                sql.add("SELECT " + String.join(", ", resets));
            }
            return sql;
        }

        private String ordered() {
            List<String> parts = new ArrayList<>();
            step(parts, "d", deletes);
            parts.add("deleted AS (SELECT " + (deletes.isEmpty() ? "0 AS n"
                    : "count(*) AS n FROM (" + reading("d", deletes.size()) + ") x") + ")");
            step(parts, "u", updates);
            parts.add("updated AS (SELECT " + (updates.isEmpty() ? "n FROM deleted" : "(SELECT n FROM deleted) + count(*)"
                    + " AS n FROM (" + reading("u", updates.size()) + ") x") + ")");
            for (int i = 0; i < inserts.size(); i++) {
                parts.add("i" + i + " AS (" + inserts.get(i) + ")");
            }
            return "WITH " + String.join(",\n", parts) + "\nSELECT n FROM updated";
        }

        private static void step(List<String> parts, String prefix, List<String> statements) {
            for (int i = 0; i < statements.size(); i++) {
                parts.add(prefix + i + " AS (" + statements.get(i) + " RETURNING 1)");
            }
        }

        private static String reading(String prefix, int count) {
            return IntStream.range(0, count).mapToObj(i -> "SELECT 1 FROM " + prefix + i)
                    .collect(Collectors.joining(" UNION ALL "));
        }

        private static String prefixed(String alias, List<String> columns) {
            return columns.stream().map(c -> alias + Sql.quote(c)).collect(Collectors.joining(", "));
        }
    }

    private static String copyOf(long oid) {
        return Sql.qualified(SCHEMA, "t" + oid);
    }

    private static boolean schemaExists(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT 1 FROM pg_namespace WHERE nspname = '" + SCHEMA + "'")) {
            return rows.next();
        }
    }

    private static Set<Long> seeded(Connection connection, Map<Long, String> names) throws SQLException {
        Set<Long> seeded = new TreeSet<>();
        if (names.isEmpty()) {
            return seeded;
        }
        String query = names.entrySet().stream()
                .map(e -> "SELECT " + e.getKey() + "::bigint WHERE EXISTS (SELECT 1 FROM ONLY " + e.getValue() + ")")
                .collect(Collectors.joining(" UNION ALL "));
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                seeded.add(rows.getLong(1));
            }
        }
        return seeded;
    }

    /**
     * A column compares exactly when its type's default btree operator class declares that equal values are
     * identical ({@code btequalimage}; for text, under a deterministic collation), as for integers and
     * timestamps; not for numeric (1.0 = 1.00), interval, floats (-0 = 0), citext or json (no {@code =}).
     */
    private static Map<Long, Columns> insertableColumns(Connection connection, Set<Long> oids) throws SQLException {
        Map<Long, List<String>> names = new HashMap<>();
        Map<Long, Set<String>> exact = new HashMap<>();
        Map<Long, Set<String>> alwaysIdentity = new HashMap<>();
        if (oids.isEmpty()) {
            return Map.of();
        }
        try (var statement = connection.prepareStatement("""
                SELECT a.attrelid, a.attname, a.attidentity = 'a',
                       EXISTS (SELECT FROM pg_opclass c
                               JOIN pg_am m ON m.oid = c.opcmethod AND m.amname = 'btree'
                               JOIN pg_amproc p ON p.amprocfamily = c.opcfamily AND p.amprocnum = 4
                                AND p.amproclefttype = c.opcintype AND p.amprocrighttype = c.opcintype
                               WHERE c.opcdefault AND c.opcintype = a.atttypid
                                 AND (p.amproc::text = 'btequalimage' OR p.amproc::text = 'btvarstrequalimage'
                                      AND (SELECT collisdeterministic FROM pg_collation WHERE oid = a.attcollation)
                                          IS NOT FALSE))
                FROM pg_attribute a
                WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                ORDER BY a.attrelid, a.attnum""")) {
            statement.setArray(1, connection.createArrayOf("oid", oids.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long oid = rows.getLong(1);
                    String column = rows.getString(2);
                    names.computeIfAbsent(oid, k -> new ArrayList<>()).add(column);
                    if (rows.getBoolean(3)) {
                        alwaysIdentity.computeIfAbsent(oid, k -> new HashSet<>()).add(column);
                    }
                    if (rows.getBoolean(4)) {
                        exact.computeIfAbsent(oid, k -> new HashSet<>()).add(column);
                    }
                }
            }
        }
        Map<Long, Columns> columns = new HashMap<>();
        names.forEach((oid, list) -> columns.put(oid, new Columns(list, exact.getOrDefault(oid, Set.of()),
                alwaysIdentity.getOrDefault(oid, Set.of()))));
        return columns;
    }

    private static Map<Long, List<String>> primaryKeys(Connection connection) throws SQLException {
        Map<Long, List<String>> keys = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT i.indrelid, a.attname
                     FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, n)
                     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                     WHERE i.indisprimary
                     ORDER BY i.indrelid, k.n""")) {
            while (rows.next()) {
                keys.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return keys;
    }

    /** setval(...) calls that put each table's owned sequences (serial, identity) back where they stand now. */
    private static Map<Long, List<String>> sequenceResets(Connection connection) throws SQLException {
        Map<Long, List<String>> resets = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT d.refobjid, s.seqrelid::regclass::text, COALESCE(ps.last_value, s.seqstart),
                            ps.last_value IS NOT NULL
                     FROM pg_depend d
                     JOIN pg_sequence s ON s.seqrelid = d.objid
                     JOIN pg_class c ON c.oid = s.seqrelid
                     JOIN pg_namespace n ON n.oid = c.relnamespace
                     JOIN pg_sequences ps ON ps.schemaname = n.nspname AND ps.sequencename = c.relname
                     WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
                       AND d.deptype IN ('a', 'i')""")) {
            while (rows.next()) {
                resets.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>()).add("setval("
                        + Sql.literal(rows.getString(2)) + "::regclass, " + rows.getLong(3) + ", "
                        + rows.getBoolean(4) + ")");
            }
        }
        return resets;
    }

    private static Map<Long, Set<Long>> referencedBy(Connection connection) throws SQLException {
        Map<Long, Set<Long>> referencedBy = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT confrelid, conrelid FROM pg_constraint WHERE contype = 'f'")) {
            while (rows.next()) {
                referencedBy.computeIfAbsent(rows.getLong(1), k -> new TreeSet<>()).add(rows.getLong(2));
            }
        }
        // a FK to a partitioned table is held by its partitions too: map partitions to their parents' edges
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT inhrelid, inhparent FROM pg_inherits")) {
            Map<Long, Long> parentOf = new HashMap<>();
            while (rows.next()) {
                parentOf.put(rows.getLong(1), rows.getLong(2));
            }
            parentOf.forEach((partition, parent) -> {
                Set<Long> children = referencedBy.get(parent);
                if (children != null) {
                    referencedBy.computeIfAbsent(partition, k -> new TreeSet<>()).addAll(children);
                }
            });
        }
        return referencedBy;
    }
}
