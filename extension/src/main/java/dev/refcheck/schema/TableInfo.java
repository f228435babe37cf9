package dev.refcheck.schema;

import java.util.List;
import java.util.Optional;

/**
 * A table's columns and keys.
 *
 * @param table the table
 * @param columns its columns in declaration order
 * @param primaryKey the primary key columns; empty when it has none
 * @param uniqueKeys the columns of each UNIQUE constraint, in constraint-name order
 */
public record TableInfo(TableRef table, List<Column> columns, List<String> primaryKey, List<List<String>> uniqueKeys) {

    public TableInfo {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        uniqueKeys = uniqueKeys.stream().map(List::copyOf).toList();
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    /** The primary key, else the first UNIQUE key whose columns are all NOT NULL; empty when neither exists. */
    public List<String> rowKey() {
        if (!primaryKey.isEmpty()) {
            return primaryKey;
        }
        return uniqueKeys.stream().filter(key -> key.stream().allMatch(c -> column(c).map(Column::notNull)
                .orElse(false))).findFirst().orElse(List.of());
    }
}
