package dev.refcheck.graph;

import dev.refcheck.schema.ForeignKey;
import dev.refcheck.schema.TableRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrapht.Graph;

/** DOT and Mermaid text of the FK graph. Arrows go from child to parent, as "references" reads. */
final class GraphPictures {

    private static final String CYCLE_COLOR = "#d62728";

    private GraphPictures() {
    }

    static String dot(Graph<TableRef, ForeignKey> graph, LoadPlan plan) {
        StringBuilder text = new StringBuilder("digraph fk {\n  rankdir=LR;\n  node [shape=box];\n");
        int clusters = 0;
        for (Cycle cycle : plan.cycles()) {
            text.append("  subgraph cluster_").append(clusters++).append(" {\n    label=")
                    .append(dotString("cycle: " + cycle.strategy().description())).append(";\n    color=\"")
                    .append(CYCLE_COLOR).append("\";\n");
            cycle.tables().forEach(table -> text.append("    ").append(dotString(table.toString()))
                    .append(" [color=\"").append(CYCLE_COLOR).append("\"];\n"));
            text.append("  }\n");
        }
        for (TableRef table : plan.insertOrder()) {
            if (plan.cycleOf(table).isEmpty()) {
                text.append("  ").append(dotString(table.toString())).append(";\n");
            }
        }
        for (ForeignKey fk : sortedEdges(graph, plan)) {
            Optional<Cycle> cycle = cycleEdge(plan, fk);
            text.append("  ").append(dotString(fk.child().toString())).append(" -> ")
                    .append(dotString(fk.parent().toString())).append(" [label=").append(dotString(label(fk, cycle)));
            if (cycle.isPresent()) {
                text.append(", color=\"").append(CYCLE_COLOR).append("\", penwidth=2");
                if (cycle.get().deferred().contains(fk) || cycle.get().nulled().contains(fk)) {
                    text.append(", style=dashed");
                }
            }
            text.append("];\n");
        }
        return text.append("}\n").toString();
    }

    static String mermaid(Graph<TableRef, ForeignKey> graph, LoadPlan plan) {
        StringBuilder text = new StringBuilder("flowchart LR\n");
        Map<TableRef, String> ids = new HashMap<>();
        for (TableRef table : plan.insertOrder()) {
            String id = "t" + ids.size();
            ids.put(table, id);
            text.append("  ").append(id).append("[\"").append(mermaidText(table.toString())).append("\"]\n");
        }
        List<Integer> cycleLinks = new ArrayList<>();
        int link = 0;
        for (ForeignKey fk : sortedEdges(graph, plan)) {
            Optional<Cycle> cycle = cycleEdge(plan, fk);
            boolean broken = cycle.isPresent() && (cycle.get().deferred().contains(fk)
                    || cycle.get().nulled().contains(fk));
            text.append("  ").append(ids.get(fk.child())).append(broken ? " -.->|\"" : " -->|\"")
                    .append(mermaidText(label(fk, cycle))).append("\"| ").append(ids.get(fk.parent())).append('\n');
            if (cycle.isPresent()) {
                cycleLinks.add(link);
            }
            link++;
        }
        text.append("  classDef cycle stroke:").append(CYCLE_COLOR).append(",stroke-width:2px\n");
        for (Cycle cycle : plan.cycles()) {
            text.append("  class ").append(String.join(",", cycle.tables().stream().map(ids::get).toList()))
                    .append(" cycle\n");
        }
        if (!cycleLinks.isEmpty()) {
            text.append("  linkStyle ").append(String.join(",", cycleLinks.stream().map(String::valueOf).toList()))
                    .append(" stroke:").append(CYCLE_COLOR).append(",stroke-width:2px\n");
        }
        return text.toString();
    }

    private static List<ForeignKey> sortedEdges(Graph<TableRef, ForeignKey> graph, LoadPlan plan) {
        List<TableRef> order = plan.insertOrder();
        return graph.edgeSet().stream().sorted(java.util.Comparator
                .<ForeignKey>comparingInt(fk -> order.indexOf(fk.child())).thenComparing(ForeignKey::name)).toList();
    }

    private static Optional<Cycle> cycleEdge(LoadPlan plan, ForeignKey fk) {
        return plan.cycles().stream().filter(cycle -> cycle.contains(fk)).findFirst();
    }

    private static String label(ForeignKey fk, Optional<Cycle> cycle) {
        String label = fk.name() + " (" + String.join(", ", fk.childColumns()) + ")";
        if (cycle.isPresent() && cycle.get().deferred().contains(fk)) {
            return label + " deferred";
        }
        if (cycle.isPresent() && cycle.get().nulled().contains(fk)) {
            return label + " NULL then UPDATE";
        }
        if (cycle.isPresent() && cycle.get().strategy() == CycleStrategy.SINGLE_STATEMENT && !fk.isSelfReference()) {
            return label + " one statement";
        }
        return label;
    }

    private static String dotString(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String mermaidText(String value) {
        return value.replace("\"", "#quot;");
    }
}
