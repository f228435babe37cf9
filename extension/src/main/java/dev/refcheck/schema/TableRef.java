package dev.refcheck.schema;

import dev.refcheck.internal.Sql;
import java.util.Comparator;
import java.util.Objects;

/**
 * A table by schema and name, exactly as in the catalog (case and all).
 *
 * @param schema the schema, e.g. {@code public}
 * @param name the table name, e.g. {@code Order} for a table created as {@code "Order"}
 */
public record TableRef(String schema, String name) implements Comparable<TableRef> {

    private static final Comparator<TableRef> ORDER =
            Comparator.comparing(TableRef::schema).thenComparing(TableRef::name);

    public TableRef {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /** {@code public.name}, for a table in {@code public}. */
    public static TableRef of(String name) {
        return new TableRef("public", name);
    }

    /** The quoted, schema-qualified name to put in SQL: {@code "public"."Order"}. */
    public String sql() {
        return Sql.qualified(schema, name);
    }

    @Override
    public int compareTo(TableRef other) {
        return ORDER.compare(this, other);
    }

    /** {@code schema.name} for people (not quoted). */
    @Override
    public String toString() {
        return schema + "." + name;
    }
}
