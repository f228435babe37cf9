package dev.refcheck.assertj;

import dev.refcheck.schema.ForeignKey;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A change to one referenced (parent) row that a referential-action assertion makes inside a savepoint and
 * rolls back: deleting it, or changing its key.
 *
 * @param connection the test's connection; under TRANSACTION isolation the savepoint is inside the test's transaction
 * @param foreignKey the FK whose action is checked
 * @param operation delete or update
 * @param key the parent row's key, in the order of {@link ForeignKey#parentColumns()}
 * @param newKey for an update, the key it gets; empty for a delete
 */
public record ParentChange(Connection connection, ForeignKey foreignKey, Operation operation, List<Object> key,
                           List<Object> newKey) {

    public enum Operation { DELETE, UPDATE }

    public ParentChange {
        key = List.copyOf(key);
        newKey = List.copyOf(newKey);
        if (key.size() != foreignKey.parentColumns().size()
                || operation == Operation.UPDATE && newKey.size() != key.size()) {
            throw new IllegalArgumentException(foreignKey.parent() + " key (" + String.join(", ",
                    foreignKey.parentColumns()) + ") has " + foreignKey.parentColumns().size()
                    + " column(s): give one value per column, got " + key + (newKey.isEmpty() ? "" : " -> " + newKey));
        }
    }

    static ParentChange delete(Connection connection, ForeignKey foreignKey, Object... key) {
        return new ParentChange(connection, foreignKey, Operation.DELETE, Arrays.asList(key), List.of());
    }

    static ParentChange update(Connection connection, ForeignKey foreignKey, List<?> from, List<?> to) {
        return new ParentChange(connection, foreignKey, Operation.UPDATE, List.copyOf(from), List.copyOf(to));
    }

    /** {@code deleting public.parent (id)=(1)} or {@code updating public.parent (id)=(1) to (100)}. */
    String describe() {
        String row = foreignKey.parent() + " (" + String.join(", ", foreignKey.parentColumns()) + ")=("
                + values(key) + ")";
        return operation == Operation.DELETE ? "deleting " + row : "updating " + row + " to (" + values(newKey) + ")";
    }

    /** The action the FK declares for this operation. */
    dev.refcheck.schema.ReferentialAction declared() {
        return operation == Operation.DELETE ? foreignKey.onDelete() : foreignKey.onUpdate();
    }

    private static String values(List<Object> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return describe() + " under " + foreignKey.name();
    }
}
