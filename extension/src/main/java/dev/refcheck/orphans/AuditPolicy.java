package dev.refcheck.orphans;

import java.util.List;

/**
 * How the audit after a test behaves.
 *
 * @param enabled whether it runs at all
 * @param strict whether orphans that were there before the test fail it too
 * @param full whether every FK is audited rather than those whose tables the test touched
 * @param logical relations without a constraint that are audited like FKs
 */
public record AuditPolicy(boolean enabled, boolean strict, boolean full, List<LogicalForeignKey> logical) {

    /** On, lenient about pre-existing orphans, only what the test touched, no logical FKs. */
    public static final AuditPolicy DEFAULT = new AuditPolicy(true, false, false, List.of());

    /** No audit. */
    public static final AuditPolicy DISABLED = new AuditPolicy(false, false, false, List.of());

    public AuditPolicy {
        logical = List.copyOf(logical);
    }
}
