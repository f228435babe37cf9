package dev.refcheck.graph;

import dev.refcheck.schema.ForeignKey;
import dev.refcheck.schema.ForeignKeyCatalog;
import dev.refcheck.schema.TableRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * The FK graph: one vertex per table, one edge per FK, pointing from the referenced (parent) table to the
 * referencing (child) table, so that a topological order is a load order.
 */
public final class TableGraph {

    private static final Comparator<ForeignKey> FK_ORDER = Comparator.comparing(ForeignKey::child)
            .thenComparing(ForeignKey::name).thenComparing(ForeignKey::parent);
    private static final Comparator<Graph<TableRef, ForeignKey>> COMPONENT_ORDER =
            Comparator.comparing(component -> new TreeSet<>(component.vertexSet()).first());

    private final Graph<TableRef, ForeignKey> graph;

    private TableGraph(Graph<TableRef, ForeignKey> graph) {
        this.graph = graph;
    }

    /** The tables that take part in a FK of {@code catalog}. */
    public static TableGraph of(ForeignKeyCatalog catalog) {
        return of(catalog.tables(), catalog.foreignKeys());
    }

    /** {@code tables} (FK-less ones too) and the FKs among them; a FK's tables are added if missing. */
    public static TableGraph of(Collection<TableRef> tables, Collection<ForeignKey> foreignKeys) {
        Graph<TableRef, ForeignKey> graph = new DirectedPseudograph<>(null, null, false);
        new TreeSet<>(tables).forEach(graph::addVertex);
        foreignKeys.stream().sorted(FK_ORDER).forEach(fk -> {
            graph.addVertex(fk.parent());
            graph.addVertex(fk.child());
            graph.addEdge(fk.parent(), fk.child(), fk);
        });
        return new TableGraph(graph);
    }

    /** Only {@code tables} and the FKs between two of them: the graph a fixture that touches those tables sees. */
    public TableGraph restrictedTo(Set<TableRef> tables) {
        Graph<TableRef, ForeignKey> sub = new DirectedPseudograph<>(null, null, false);
        new TreeSet<>(tables).forEach(sub::addVertex);
        graph.edgeSet().stream().filter(fk -> tables.contains(fk.parent()) && tables.contains(fk.child()))
                .sorted(FK_ORDER).forEach(fk -> sub.addEdge(fk.parent(), fk.child(), fk));
        return new TableGraph(sub);
    }

    public Set<TableRef> tables() {
        return new TreeSet<>(graph.vertexSet());
    }

    /** A read-only view, edges from parent to child. */
    public Graph<TableRef, ForeignKey> asGraph() {
        return new AsUnmodifiableGraph<>(graph);
    }

    /** Parent-first steps, one per table or cycle, each cycle with its strategy. */
    public LoadPlan plan() {
        var inspector = new KosarajuStrongConnectivityInspector<>(graph);
        Graph<Graph<TableRef, ForeignKey>, org.jgrapht.graph.DefaultEdge> condensation = inspector.getCondensation();
        List<LoadPlan.Step> steps = new ArrayList<>();
        var order = new TopologicalOrderIterator<>(condensation, COMPONENT_ORDER);
        while (order.hasNext()) {
            Graph<TableRef, ForeignKey> component = order.next();
            List<ForeignKey> internal = component.edgeSet().stream().sorted(FK_ORDER).toList();
            if (internal.isEmpty()) {
                steps.add(new LoadPlan.Step(List.copyOf(component.vertexSet()), null));
            } else {
                Cycle cycle = breakCycle(component, internal);
                steps.add(new LoadPlan.Step(cycle.tables(), cycle));
            }
        }
        return new LoadPlan(steps);
    }

    /** DOT text (Graphviz), cycles highlighted, broken FKs labelled with how they are broken. */
    public String toDot() {
        return GraphPictures.dot(graph, plan());
    }

    /** Mermaid flowchart text, cycles highlighted, broken FKs labelled with how they are broken. */
    public String toMermaid() {
        return GraphPictures.mermaid(graph, plan());
    }

    private static Cycle breakCycle(Graph<TableRef, ForeignKey> component, List<ForeignKey> internal) {
        List<ForeignKey> between = internal.stream().filter(fk -> !fk.isSelfReference()).toList();
        if (between.isEmpty()) {
            return new Cycle(List.copyOf(component.vertexSet()), internal, CycleStrategy.ROW_ORDER, List.of(),
                    List.of());
        }
        if (between.stream().allMatch(ForeignKey::deferrable)) {
            return new Cycle(new TreeSet<>(component.vertexSet()).stream().toList(), internal,
                    CycleStrategy.DEFER_CONSTRAINTS, between, List.of());
        }
        // keep every FK that cannot be broken; add back breakable ones while the rest stays acyclic, preferring
        // to keep the nullable ones (an UPDATE per row costs more than a deferred check)
        Graph<TableRef, ForeignKey> kept = new DirectedPseudograph<>(null, null, false);
        component.vertexSet().forEach(kept::addVertex);
        List<ForeignKey> breakable = new ArrayList<>();
        for (ForeignKey fk : between) {
            if (fk.deferrable() || allNullable(fk)) {
                breakable.add(fk);
            } else {
                kept.addEdge(fk.parent(), fk.child(), fk);
            }
        }
        if (new CycleDetector<>(kept).detectCycles()) {
            return new Cycle(new TreeSet<>(component.vertexSet()).stream().toList(), internal,
                    CycleStrategy.SINGLE_STATEMENT, List.of(), List.of());
        }
        breakable.sort(Comparator.comparing(ForeignKey::deferrable).thenComparing(FK_ORDER));
        List<ForeignKey> deferred = new ArrayList<>();
        List<ForeignKey> nulled = new ArrayList<>();
        for (ForeignKey fk : breakable) {
            kept.addEdge(fk.parent(), fk.child(), fk);
            if (new CycleDetector<>(kept).detectCycles()) {
                kept.removeEdge(fk);
                (fk.deferrable() ? deferred : nulled).add(fk);
            }
        }
        List<TableRef> tables = new ArrayList<>();
        new TopologicalOrderIterator<>(kept, Comparator.<TableRef>naturalOrder()).forEachRemaining(tables::add);
        CycleStrategy strategy = nulled.isEmpty() ? CycleStrategy.DEFER_CONSTRAINTS : CycleStrategy.NULL_THEN_UPDATE;
        return new Cycle(tables, internal, strategy, deferred.stream().sorted(FK_ORDER).toList(),
                nulled.stream().sorted(FK_ORDER).toList());
    }

    private static boolean allNullable(ForeignKey fk) {
        return !fk.childColumnsNullable().isEmpty() && !fk.childColumnsNullable().contains(Boolean.FALSE);
    }

    @Override
    public String toString() {
        return "TableGraph[" + graph.vertexSet().size() + " tables, " + graph.edgeSet().size() + " FKs]";
    }
}
