package dev.refcheck.schema;

/** How a multi-column FK treats nulls ({@code pg_constraint.confmatchtype}). */
public enum MatchType {
    /** Any null column exempts the row from the check. The default. */
    SIMPLE,
    /** All columns null exempts the row; some null and some not is itself a violation. */
    FULL,
    /** Not implemented by PostgreSQL; listed for completeness. */
    PARTIAL;

    static MatchType ofCode(String code) {
        return switch (code) {
            case "f" -> FULL;
            case "p" -> PARTIAL;
            default -> SIMPLE;
        };
    }
}
