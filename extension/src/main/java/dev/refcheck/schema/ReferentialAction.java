package dev.refcheck.schema;

/** What a FK does when its referenced row is deleted or its key updated ({@code pg_constraint.confdeltype}). */
public enum ReferentialAction {
    NO_ACTION('a'), RESTRICT('r'), CASCADE('c'), SET_NULL('n'), SET_DEFAULT('d');

    private final char code;

    ReferentialAction(char code) {
        this.code = code;
    }

    static ReferentialAction ofCode(String code) {
        for (ReferentialAction action : values()) {
            if (action.code == code.charAt(0)) {
                return action;
            }
        }
        throw new IllegalArgumentException("unknown referential action code " + code);
    }

    /** As SQL writes it: {@code SET NULL}. */
    public String sql() {
        return name().replace('_', ' ');
    }
}
