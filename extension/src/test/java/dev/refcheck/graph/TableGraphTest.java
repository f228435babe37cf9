package dev.refcheck.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import dev.refcheck.schema.ForeignKey;
import dev.refcheck.schema.TableRef;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TableGraphTest {

    @Nested
    @RefCheck(schema = "classpath:db/fixtures.sql")
    class Cycles {

        @Test
        void givesEachCycleTheStrategyItsConstraintsAllow(TestDatabase database) {
            LoadPlan plan = TableGraph.of(database.catalog()).plan();

            assertThat(plan.cycleOf(TableRef.of("husband")).orElseThrow().strategy())
                    .isEqualTo(CycleStrategy.DEFER_CONSTRAINTS);
            Cycle nullable = plan.cycleOf(TableRef.of("staff")).orElseThrow();
            assertThat(nullable.strategy()).isEqualTo(CycleStrategy.NULL_THEN_UPDATE);
            assertThat(nullable.nulled()).extracting(ForeignKey::name).containsExactly("department_head_fk");
            assertThat(nullable.tables()).containsExactly(TableRef.of("department"), TableRef.of("staff"));
            assertThat(plan.cycleOf(TableRef.of("egg")).orElseThrow().strategy())
                    .isEqualTo(CycleStrategy.SINGLE_STATEMENT);
            assertThat(plan.cycleOf(TableRef.of("node")).orElseThrow().strategy()).isEqualTo(CycleStrategy.ROW_ORDER);
            assertThat(plan.cycleOf(TableRef.of("shelf"))).isEmpty();
        }

        @Test
        void ordersParentsFirstForInsertsAndChildrenFirstForDeletes(TestDatabase database) {
            LoadPlan plan = TableGraph.of(database.catalog()).plan();

            List<TableRef> order = plan.insertOrder();
            assertThat(order).containsSubsequence(TableRef.of("warehouse"), TableRef.of("shelf"), TableRef.of("item"));
            assertThat(order).containsSubsequence(new TableRef("crm", "Customer"), new TableRef("Sales", "Order"));
            assertThat(plan.deleteOrder()).containsSubsequence(TableRef.of("item"), TableRef.of("shelf"),
                    TableRef.of("warehouse"));
            assertThat(TableGraph.of(database.catalog()).plan().toString()).isEqualTo(plan.toString());
        }

        @Test
        void explainsEveryCycleInThePlanText(TestDatabase database) {
            String text = TableGraph.of(database.catalog()).plan().toString();

            assertThat(text).contains("cycle public.chicken <-> public.egg: all rows of the cycle in one statement"
                    + " (WITH … INSERT), checked at its end");
            assertThat(text).contains("chicken_egg_fk: public.chicken(egg_id) -> public.egg(id)  [NOT NULL, not"
                    + " deferrable]");
            assertThat(text).contains("department_head_fk: public.department(head_id) -> public.staff(id)  [NULL,"
                    + " then UPDATE]");
            assertThat(text).contains("husband_wife_fk: public.husband(wife_id) -> public.wife(id)  [deferred]");
            assertThat(text).contains("cycle public.node: its rows in one statement, checked at its end (parents"
                    + " first when rows set different columns)");
        }

        @Test
        void drawsCyclesInDotAndMermaid(TestDatabase database) {
            TableGraph graph = TableGraph.of(database.catalog());

            assertThat(graph.toDot()).startsWith("digraph fk {")
                    .contains("\"public.department\" -> \"public.staff\" [label=\"department_head_fk (head_id) NULL"
                            + " then UPDATE\", color=\"#d62728\", penwidth=2, style=dashed];")
                    .contains("\"Sales.Order\" -> \"crm.Customer\" [label=\"Order_E-mail_fk (E-mail)\"];")
                    .contains("label=\"cycle: constraints deferred, checked once the cycle's rows are in\"");
            assertThat(graph.toMermaid()).startsWith("flowchart LR")
                    .contains("-.->|\"husband_wife_fk (wife_id) deferred\"|")
                    .contains("class ").contains("linkStyle ");
        }

        @Test
        void aRestrictedGraphHasNoCycleWhenOneSideIsLeftOut(TestDatabase database) {
            LoadPlan plan = TableGraph.of(database.catalog())
                    .restrictedTo(java.util.Set.of(TableRef.of("egg"), TableRef.of("item"))).plan();

            assertThat(plan.cycles()).isEmpty();
            assertThat(plan.insertOrder()).containsExactly(TableRef.of("egg"), TableRef.of("item"));
        }
    }

    @Nested
    @RefCheck(schema = "classpath:corpus/pagila/schema.sql")
    class Pagila {

        @Test
        void plansPagilaParentsFirst(TestDatabase database) {
            TableGraph graph = TableGraph.of(database.catalog());
            LoadPlan plan = graph.plan();

            for (ForeignKey fk : database.catalog().foreignKeys()) {
                if (plan.cycleOf(fk.child()).map(cycle -> !cycle.contains(fk)).orElse(true)) {
                    assertThat(plan.insertOrder().indexOf(fk.parent()))
                            .as(fk.describe()).isLessThan(plan.insertOrder().indexOf(fk.child()));
                }
            }
            assertThat(plan.insertOrder()).containsSubsequence(TableRef.of("language"), TableRef.of("film"),
                    TableRef.of("inventory"), TableRef.of("rental"), TableRef.of("payment_p2022_01"));
            assertThat(graph.toMermaid()).contains("[\"public.film\"]");
        }
    }
}
