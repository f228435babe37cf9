package dev.refcheck.assertj;

import dev.refcheck.schema.TableRef;

/** How assertions read a table written by a person: {@code order} is {@code public.order}. */
final class Tables {

    private Tables() {
    }

    /** {@code name} in {@code public}, or {@code schema.name} split at the first dot. */
    static TableRef parse(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? TableRef.of(table) : new TableRef(table.substring(0, dot), table.substring(dot + 1));
    }

    /** Whether a table a person wrote means {@code actual}: {@code order} and {@code public.order} both do. */
    static boolean matches(String written, TableRef actual) {
        return parse(written).equals(actual) || written.equals(actual.name()) && !written.contains(".");
    }
}
