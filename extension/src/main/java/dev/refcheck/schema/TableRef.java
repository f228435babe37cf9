package dev.refcheck.schema;

import dev.refcheck.internal.Sql;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    /**
     * A table as a person writes it: {@code order} (in {@code public}), {@code sales.order}, or with SQL's double
     * quotes where a name holds a dot or a quote: {@code "Sales"."Order"}, {@code "a.b"}. Case is kept as written.
     */
    public static TableRef parse(String written) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < written.length() && written.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '.' && !quoted && parts.isEmpty()) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts.size() == 1 ? of(parts.get(0)) : new TableRef(parts.get(0), parts.get(1));
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
