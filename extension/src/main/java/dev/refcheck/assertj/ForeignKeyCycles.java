package dev.refcheck.assertj;

import dev.refcheck.graph.TableGraph;
import dev.refcheck.schema.ForeignKey;
import dev.refcheck.schema.ForeignKeyCatalog;
import dev.refcheck.schema.MatchType;
import dev.refcheck.schema.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.graph.DirectedPseudograph;

/**
 * FK cycles, as the load planner in {@code dev.refcheck.graph} finds them, and whether rows can be loaded into
 * each: the planner decides how to break a cycle; this only says whether one can be broken at all.
 */
final class ForeignKeyCycles {

    enum Loadability {
        /** Some FK in every loop is deferrable or may be null: insert, then point (or defer the check). */
        BREAKABLE("loadable table by table: a deferrable or nullable FK breaks every loop"),
        /** Every loop is NOT NULL and immediate, but one statement can write all of it (checks run at its end). */
        ONE_STATEMENT("loadable only in one statement (WITH a AS (INSERT ...) INSERT ...): every FK of some loop"
                + " is NOT NULL and NOT DEFERRABLE"),
        /** Like ONE_STATEMENT, but a table cannot take part in a data-modifying WITH (rules, a view). */
        NOT_LOADABLE("not loadable: every FK of some loop is NOT NULL and NOT DEFERRABLE, and a table of it has"
                + " rules or is not a plain table, so no single statement can write it");

        private final String description;

        Loadability(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    record Cycle(Set<TableRef> tables, List<ForeignKey> foreignKeys, Loadability loadability) {

        String describe() {
            return "{" + tables.stream().map(TableRef::toString).collect(Collectors.joining(", ")) + "} via "
                    + foreignKeys.stream().map(fk -> fk.name() + " (" + fk.child().name() + " -> " + fk.parent().name()
                    + ")").collect(Collectors.joining(", ")) + ": " + loadability;
        }
    }

    private ForeignKeyCycles() {
    }

    /** The planner's cycles (strongly connected components), each judged by whether it can be loaded at all. */
    static List<Cycle> find(ForeignKeyCatalog catalog, Connection connection) throws SQLException {
        List<Cycle> cycles = new ArrayList<>();
        for (dev.refcheck.graph.Cycle component : TableGraph.of(catalog).plan().cycles()) {
            List<ForeignKey> unbreakable = component.foreignKeys().stream().filter(fk -> !breakable(fk)).toList();
            Set<TableRef> tables = new TreeSet<>(component.tables());
            Loadability loadability = !new CycleDetector<>(graph(unbreakable)).detectCycles()
                    ? Loadability.BREAKABLE
                    : plainTables(connection, tables) ? Loadability.ONE_STATEMENT : Loadability.NOT_LOADABLE;
            cycles.add(new Cycle(tables, component.foreignKeys(), loadability));
        }
        cycles.sort(Comparator.comparing(cycle -> cycle.tables().iterator().next()));
        return cycles;
    }

    /** A deferred check, or a null (MATCH FULL: all columns null), lets one row go in before the row it needs. */
    static boolean breakable(ForeignKey fk) {
        return fk.deferrable() || (fk.match() == MatchType.FULL
                ? !fk.childColumnsNullable().contains(Boolean.FALSE) : fk.hasNullableColumn());
    }

    private static Graph<TableRef, ForeignKey> graph(List<ForeignKey> foreignKeys) {
        Graph<TableRef, ForeignKey> graph = new DirectedPseudograph<>(null, null, false);
        for (ForeignKey fk : foreignKeys) {
            graph.addVertex(fk.child());
            graph.addVertex(fk.parent());
            graph.addEdge(fk.child(), fk.parent(), fk);
        }
        return graph;
    }

    /** Data-modifying WITH refuses tables with rules, and views; plain and partitioned tables take part. */
    private static boolean plainTables(Connection connection, Set<TableRef> tables) throws SQLException {
        String sql = "SELECT bool_and(c.relkind IN ('r', 'p') AND NOT c.relhasrules) FROM unnest(?::text[]) t(name)"
                + " JOIN pg_class c ON c.oid = t.name::regclass";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", tables.stream().map(TableRef::sql).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }
}
