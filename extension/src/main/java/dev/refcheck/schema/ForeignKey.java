package dev.refcheck.schema;

import java.util.List;

/**
 * One FK constraint as PostgreSQL holds it.
 *
 * @param oid the constraint's oid
 * @param name the constraint name
 * @param child the referencing table
 * @param childColumns the referencing columns, in the constraint's pairing order
 * @param childColumnsNullable for each referencing column, whether it may be null
 * @param parent the referenced table
 * @param parentColumns the referenced columns (a primary key or UNIQUE constraint), paired with childColumns
 * @param match MATCH SIMPLE or FULL
 * @param onDelete the action when a referenced row is deleted
 * @param onUpdate the action when a referenced key changes
 * @param onDeleteSetColumns for {@code ON DELETE SET NULL (col)} / {@code SET DEFAULT (col)}: the columns set; empty
 *                           means all referencing columns
 * @param deferrable DEFERRABLE
 * @param initiallyDeferred INITIALLY DEFERRED
 * @param validated false for a constraint added NOT VALID and not validated since
 * @param triggersEnabled false when a RI trigger of the constraint is disabled ({@code DISABLE TRIGGER ALL})
 */
public record ForeignKey(long oid, String name, TableRef child, List<String> childColumns,
                         List<Boolean> childColumnsNullable, TableRef parent, List<String> parentColumns,
                         MatchType match, ReferentialAction onDelete, ReferentialAction onUpdate,
                         List<String> onDeleteSetColumns, boolean deferrable, boolean initiallyDeferred,
                         boolean validated, boolean triggersEnabled) {

    public ForeignKey {
        childColumns = List.copyOf(childColumns);
        childColumnsNullable = List.copyOf(childColumnsNullable);
        parentColumns = List.copyOf(parentColumns);
        onDeleteSetColumns = List.copyOf(onDeleteSetColumns);
    }

    /** Whether the FK points from a table to itself (a hierarchy such as employee.manager_id). */
    public boolean isSelfReference() {
        return child.equals(parent);
    }

    /** Whether some referencing column may be null, so a row can be inserted first and pointed later. */
    public boolean hasNullableColumn() {
        return childColumnsNullable.contains(Boolean.TRUE);
    }

    /** {@code child(a, b) -> parent(x, y)}, for people. */
    public String describe() {
        return name + ": " + child + "(" + String.join(", ", childColumns) + ") -> " + parent + "("
                + String.join(", ", parentColumns) + ")";
    }
}
