package dev.refcheck.internal;

import java.util.List;
import java.util.stream.Collectors;

/** SQL text helpers. Values are always bound; only identifiers are ever written into SQL, and always quoted. */
public final class Sql {

    private Sql() {
    }

    /** Quotes an identifier the way PostgreSQL's {@code quote_ident} would, but always: {@code a"b} becomes {@code "a""b"}. */
    public static String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier cannot contain a NUL character");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"}. */
    public static String qualified(String schema, String name) {
        return quote(schema) + '.' + quote(name);
    }

    /** {@code "a", "b"}. */
    public static String columnList(List<String> columns) {
        return columns.stream().map(Sql::quote).collect(Collectors.joining(", "));
    }

    /** A string literal, for the rare statement that cannot take a bind parameter (utility commands). */
    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a string literal cannot contain a NUL character");
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
