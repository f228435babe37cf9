package dev.refcheck.postgres;

import dev.refcheck.internal.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The state a schema leaves a template in, so CLEAN can put a touched table back: which tables had rows
 * (kept as copies in the {@value #SCHEMA} schema), where their sequences stood, and who references whom.
 */
public final class Baseline {

    /** Where copies of the schema's own rows are kept; refcheck ignores it everywhere else. */
    public static final String SCHEMA = "refcheck_baseline";

    /** A plain table of the user's schema. */
    record Table(long oid, String qualifiedName, boolean seeded, List<String> insertableColumns,
                 List<String> sequenceResets) {
    }

    private final Map<Long, Table> tables;
    /** parent oid -> oids of the tables with a FK to it */
    private final Map<Long, Set<Long>> referencedBy;

    private Baseline(Map<Long, Table> tables, Map<Long, Set<Long>> referencedBy) {
        this.tables = tables;
        this.referencedBy = referencedBy;
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
        Map<Long, List<String>> columns = insertableColumns(connection, seeded);
        Map<Long, List<String>> sequences = sequenceResets(connection);
        Map<Long, Table> tables = new LinkedHashMap<>();
        names.forEach((oid, name) -> tables.put(oid, new Table(oid, name, seeded.contains(oid),
                columns.getOrDefault(oid, List.of()), sequences.getOrDefault(oid, List.of()))));
        if (keepRows && !seeded.isEmpty() && !schemaExists(connection)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + SCHEMA);
                for (long oid : seeded) {
                    statement.execute("CREATE TABLE " + copyOf(oid) + " AS SELECT "
                            + Sql.columnList(columns.get(oid)) + " FROM ONLY " + names.get(oid));
                }
            }
        }
        return new Baseline(tables, referencedBy(connection));
    }

    /** Every plain table of the schema. */
    Collection<Long> tableOids() {
        return tables.keySet();
    }

    /**
     * SQL that puts {@code touched} tables back as the schema left them: one DELETE statement for all of them
     * (RI checks run at statement end, so order and cycles do not matter), one INSERT for the schema's own
     * rows, then the owned sequences reset. Empty when nothing is to be done. With RI checks on, the seeded
     * tables referencing a restored one are restored too; {@code withoutRiChecks} (the statements run under
     * {@code session_replication_role = replica}) leaves them alone, since deleting and re-inserting a parent's
     * rows keeps them valid (a test that changed a child through a cascade changed its counters too).
     */
    List<String> restore(Collection<Long> touched, boolean withoutRiChecks) {
        Set<Long> affected = new TreeSet<>();
        List<Long> work = new ArrayList<>(touched);
        while (!work.isEmpty()) {
            long oid = work.remove(work.size() - 1);
            Table table = tables.get(oid);
            if (table == null || !affected.add(oid)) {
                continue;
            }
            if (table.seeded() && !withoutRiChecks) {
                // its rows come back; seeded children pointing at them must be deleted and restored too
                for (long child : referencedBy.getOrDefault(oid, Set.of())) {
                    if (tables.containsKey(child) && tables.get(child).seeded()) {
                        work.add(child);
                    }
                }
            }
        }
        if (affected.isEmpty()) {
            return List.of();
        }
        List<String> sql = new ArrayList<>();
        sql.add(oneStatement(affected.stream().map(oid -> "DELETE FROM ONLY " + tables.get(oid).qualifiedName())
                .toList()));
        List<String> inserts = affected.stream().map(tables::get).filter(Table::seeded)
                .map(t -> "INSERT INTO " + t.qualifiedName() + " (" + Sql.columnList(t.insertableColumns())
                        + ") OVERRIDING SYSTEM VALUE SELECT " + Sql.columnList(t.insertableColumns())
                        + " FROM " + copyOf(t.oid()))
                .toList();
        if (!inserts.isEmpty()) {
            sql.add(oneStatement(inserts));
        }
        List<String> resets = affected.stream().flatMap(oid -> tables.get(oid).sequenceResets().stream()).toList();
        if (!resets.isEmpty()) {
            sql.add("SELECT " + String.join(", ", resets));
        }
        return sql;
    }

    /** {@code WITH s1 AS (a), s2 AS (b) c}: several data-modifying statements checked as one. */
    private static String oneStatement(List<String> statements) {
        if (statements.size() == 1) {
            return statements.get(0);
        }
        StringBuilder sql = new StringBuilder("WITH ");
        for (int i = 0; i < statements.size() - 1; i++) {
            sql.append(i == 0 ? "" : ", ").append("s").append(i).append(" AS (").append(statements.get(i)).append(')');
        }
        return sql.append(' ').append(statements.get(statements.size() - 1)).toString();
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

    private static Map<Long, List<String>> insertableColumns(Connection connection, Set<Long> oids) throws SQLException {
        Map<Long, List<String>> columns = new HashMap<>();
        if (oids.isEmpty()) {
            return columns;
        }
        try (var statement = connection.prepareStatement("""
                SELECT attrelid, attname FROM pg_attribute
                WHERE attrelid = ANY (?) AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
                ORDER BY attrelid, attnum""")) {
            statement.setArray(1, connection.createArrayOf("oid", oids.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        return columns;
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
