package dev.refcheck.assertj;

import dev.refcheck.schema.TableRef;

/** How assertions read a table written by a person: {@code order} is {@code public.order}. */
final class Tables {

    private Tables() {
    }

    /** Whether a table a person wrote means {@code actual}: {@code order} and {@code public.order} both do. */
    static boolean matches(String written, TableRef actual) {
        return TableRef.parse(written).equals(actual) || written.equals(actual.name()) && !written.contains(".");
    }
}
