package dev.refcheck.orphans;

import dev.refcheck.schema.ForeignKeyCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on the orphans of a database. Every assertion runs a full audit of every FK (and the logical
 * FKs given) as the connection sees the database now; orphans from before are not told apart here.
 */
public final class OrphansAssert extends AbstractAssert<OrphansAssert, Connection> {

    private final String database;
    private final List<LogicalForeignKey> logical = new ArrayList<>();

    /** Use {@code RefCheckAssertions.assertThatDatabase(...)}. */
    public OrphansAssert(Connection connection, String database) {
        super(connection, OrphansAssert.class);
        this.database = database;
    }

    /** Also audits these relations without a constraint, {@code child(a) -> parent(x)}. */
    public OrphansAssert withLogicalForeignKeys(String... declarations) {
        for (String declaration : declarations) {
            logical.add(LogicalForeignKey.parse(declaration));
        }
        return myself;
    }

    /** No FK, declared or logical, has an orphan row. */
    public OrphansAssert hasNoOrphans() {
        OrphanReport report = audit();
        if (!report.isEmpty()) {
            throwAssertionError(ShouldHaveNoOrphans.in(database(), report, null));
        }
        return myself;
    }

    /** The FK named {@code name} (constraint name, or {@code logical child(a) -> parent(x)}) has no orphan row. */
    public OrphansAssert hasNoOrphansIn(String name) {
        OrphanReport report = audit();
        report.of(name).ifPresent(o -> throwAssertionError(ShouldHaveNoOrphans.in(database(), report, name)));
        return myself;
    }

    /** The FK named {@code name} has exactly {@code count} orphan rows. */
    public OrphansAssert hasOrphans(String name, long count) {
        OrphanReport report = audit();
        long actual = report.of(name).map(Orphans::count).orElse(0L);
        if (actual != count) {
            throwAssertionError(ShouldHaveNoOrphans.count(database(), report, name, count, actual));
        }
        return myself;
    }

    private OrphanReport audit() {
        isNotNull();
        try {
            return OrphanDetector.of(ForeignKeyCatalog.read(actual), logical).audit(actual);
        } catch (SQLException e) {
            throw new IllegalStateException("refcheck could not audit " + database() + " for orphans: "
                    + e.getMessage(), e);
        }
    }

    private String database() {
        return database != null ? "database \"" + database + "\"" : "the database";
    }
}
