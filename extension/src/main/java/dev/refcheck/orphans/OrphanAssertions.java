package dev.refcheck.orphans;

import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;

/**
 * Entry point of the orphan assertions (the main {@code RefCheckAssertions} entry point delegates here).
 *
 * <pre>{@code
 * OrphanAssertions.assertThat(database).hasNoOrphans();
 * OrphanAssertions.assertThat(connection).withLogicalForeignKeys("review(sku) -> product(sku)")
 *         .hasOrphans("logical review(sku) -> product(sku)", 2);
 * }</pre>
 */
public final class OrphanAssertions {

    private OrphanAssertions() {
    }

    /** Audits the test's database (through its own connection, so inside a TRANSACTION test's transaction). */
    public static OrphansAssert assertThat(TestDatabase database) {
        return new OrphansAssert(database.connection(), database.name());
    }

    /** Audits the database of {@code connection}, as that connection sees it. */
    public static OrphansAssert assertThat(Connection connection) {
        return new OrphansAssert(connection, null);
    }
}
