package dev.refcheck.orphans;

/** A test (or an assertion) found orphans, or a deferred constraint that would fail at commit. */
public final class OrphanAssertionError extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient OrphanReport report;

    OrphanAssertionError(String message, OrphanReport report) {
        super(message);
        this.report = report;
    }

    /** The audit behind the failure. */
    public OrphanReport report() {
        return report;
    }
}
