package dev.refcheck.graph;

import dev.refcheck.schema.TableRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The order in which rows go in: parent tables first, each cycle as one step with its strategy. Deletes run the
 * same steps backwards. Deterministic: the same graph always gives the same plan and the same text.
 */
public final class LoadPlan {

    /**
     * One step: a single table, or the tables of one cycle.
     *
     * @param tables the tables, in the order their rows are sent
     * @param cycle how the cycle is broken; null for a plain table
     */
    public record Step(List<TableRef> tables, Cycle cycle) {
        public Step {
            tables = List.copyOf(tables);
        }

        public boolean isCycle() {
            return cycle != null;
        }
    }

    private final List<Step> steps;

    LoadPlan(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    public List<Step> steps() {
        return steps;
    }

    /** Every table, parents before children. */
    public List<TableRef> insertOrder() {
        List<TableRef> order = new ArrayList<>();
        steps.forEach(step -> order.addAll(step.tables()));
        return order;
    }

    /** Every table, children before parents. */
    public List<TableRef> deleteOrder() {
        List<TableRef> order = insertOrder();
        Collections.reverse(order);
        return order;
    }

    /** The cycles (self-references included), in plan order. */
    public List<Cycle> cycles() {
        return steps.stream().filter(Step::isCycle).map(Step::cycle).toList();
    }

    /** The cycle {@code table} is part of, if any. */
    public Optional<Cycle> cycleOf(TableRef table) {
        return cycles().stream().filter(cycle -> cycle.tables().contains(table)).findFirst();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("LoadPlan: ").append(insertOrder().size())
                .append(" tables, parents first (deletes run it backwards)");
        int number = 1;
        for (Step step : steps) {
            text.append("\n  ").append(number++).append(". ");
            text.append(step.isCycle() ? step.cycle().explain() : step.tables().get(0).toString());
        }
        return text.toString();
    }
}
