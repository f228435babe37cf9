package dev.refcheck.orphans;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** The failure messages of {@link OrphansAssert}, with the audit's report. */
final class ShouldHaveNoOrphans extends BasicErrorMessageFactory {

    private ShouldHaveNoOrphans(String message) {
        super(message); // AssertJ does not format a message given without arguments: a % stays as it is
    }

    static ErrorMessageFactory in(String database, OrphanReport report, String name) {
        long rows = name == null ? report.count() : report.of(name).map(Orphans::count).orElse(0L);
        int keys = name == null ? report.orphans().size() : 1;
        return new ShouldHaveNoOrphans("\nExpecting " + database + " to have no orphans"
                + (name == null ? "" : " in " + name) + ", but found " + rows + (rows == 1 ? " orphan row" : " orphan rows")
                + " in " + keys + (keys == 1 ? " foreign key" : " foreign keys") + ":\n" + report.describe());
    }

    static ErrorMessageFactory count(String database, OrphanReport report, String name, long expected, long actual) {
        return new ShouldHaveNoOrphans("\nExpecting " + database + " to have " + expected
                + (expected == 1 ? " orphan row" : " orphan rows") + " in " + name + ", but found " + actual
                + (report.isEmpty() ? "" : ":\n" + report.describe()));
    }
}
