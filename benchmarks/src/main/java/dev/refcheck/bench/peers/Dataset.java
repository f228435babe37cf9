package dev.refcheck.bench.peers;

import java.util.List;
import java.util.Map;

/**
 * A whole data set in memory, tables in a parent-first order, rows as JDBC objects: the same input for every
 * tool. Tools that need an order take {@link #tables()}' order; refcheck gets them shuffled.
 */
public record Dataset(Map<String, Table> tables) {

    /** One table: its column names and rows, in the order of {@code columns}. */
    public record Table(String name, List<String> columns, List<Object[]> rows) {
    }

    public int rowCount() {
        return tables.values().stream().mapToInt(t -> t.rows().size()).sum();
    }
}
