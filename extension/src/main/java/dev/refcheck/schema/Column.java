package dev.refcheck.schema;

import java.util.List;

/**
 * One column of a table, as the loader and the auto-parent generator need it.
 *
 * @param name the column name, exactly as in the catalog
 * @param type the type as {@code format_type} writes it, e.g. {@code character varying(40)}
 * @param notNull NOT NULL
 * @param defaultExpression the DEFAULT expression, or null
 * @param identity {@code a} (GENERATED ALWAYS AS IDENTITY), {@code d} (BY DEFAULT) or blank
 * @param generated a stored generated column, which takes no value
 * @param sequence the owned sequence (serial or identity), schema-qualified and quoted for {@code ::regclass}, or null
 * @param enumLabels the labels of an enum type (or of the enum a domain is over), in order; empty otherwise
 * @param domainBase for a domain, the type it is over, as {@code format_type} writes it; null otherwise
 */
public record Column(String name, String type, boolean notNull, String defaultExpression, String identity,
                     boolean generated, String sequence, List<String> enumLabels, String domainBase) {

    public Column {
        enumLabels = List.copyOf(enumLabels);
    }

    /** The type values are made of: the domain's base type for a domain, else {@link #type()}. */
    public String valueType() {
        return domainBase != null ? domainBase : type;
    }

    /** Whether PostgreSQL fills the column when the row leaves it out. */
    public boolean hasDefault() {
        return defaultExpression != null || !identity.isBlank() || generated;
    }

    public boolean alwaysIdentity() {
        return identity.equals("a");
    }
}
