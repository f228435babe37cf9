package dev.refcheck.graph;

/** How the rows of one strongly connected component of the FK graph get past their own constraints. */
public enum CycleStrategy {
    /**
     * One table that references itself: its rows go in as one statement, checked at its end; rows that set
     * different columns need a COPY each, so those COPYs go parents first.
     */
    ROW_ORDER("its rows in one statement, checked at its end (parents first when rows set different columns)"),
    /** Every FK on the cycle is DEFERRABLE: load inside one transaction with those constraints deferred. */
    DEFER_CONSTRAINTS("constraints deferred, checked once the cycle's rows are in"),
    /** A FK on the cycle has nullable columns: insert NULL there first, then UPDATE to the real value. */
    NULL_THEN_UPDATE("insert with NULL in the broken FK's columns, then UPDATE"),
    /** NOT NULL and not deferrable: all the cycle's rows in one data-modifying CTE, checked at statement end. */
    SINGLE_STATEMENT("all rows of the cycle in one statement (WITH … INSERT), checked at its end");

    private final String description;

    CycleStrategy(String description) {
        this.description = description;
    }

    /** For people, as the plan's {@code toString} shows it. */
    public String description() {
        return description;
    }
}
