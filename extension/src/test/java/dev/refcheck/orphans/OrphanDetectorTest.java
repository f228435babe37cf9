package dev.refcheck.orphans;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import dev.refcheck.schema.TableRef;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each route by which PostgreSQL lets an orphan in yields exactly the expected orphans. The after-test audit is
 * off here: these tests leave orphans on purpose and inspect them with the plain API.
 */
@RefCheck(schema = "classpath:db/orphans.sql")
@OrphanAudit(enabled = false)
class OrphanDetectorTest {

    static void run(Connection connection, String... sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    static Orphans orphansOf(OrphanReport report, String name) {
        return report.of(name).orElseThrow(() -> new AssertionError("no orphans for " + name + " in " + report));
    }

    @Test
    void aCleanDatabaseHasNoOrphansButTheLegacyOnes(Connection connection) throws SQLException {
        OrphanReport report = OrphanDetector.read(connection).audit(connection);

        assertThat(report.orphans()).extracting(o -> o.foreignKey().name())
                .containsExactly("legacy_order_warehouse_fkey");
        assertThat(report.audited()).isEqualTo(7);
    }

    @Test
    void disabledTriggersLetOrphansInOnTheChildSideWithMatchSimple(Connection connection) throws SQLException {
        run(connection, "ALTER TABLE stock DISABLE TRIGGER ALL",
                "INSERT INTO stock VALUES (1, 1, 'Z', 'tea'), (2, NULL, 'Z', 'tea'), (3, 1, 'A', 'coffee'),"
                        + " (4, 7, NULL, NULL), (5, 1, 'A', 'cake'), (6, 2, 'Q', 'milk')");

        OrphanReport report = OrphanDetector.read(connection).audit(connection);

        Orphans bins = orphansOf(report, "stock_bin_fkey");
        assertThat(bins.count()).isEqualTo(2);
        assertThat(bins.keys()).containsExactly("(1,Z)", "(2,Q)");
        assertThat(bins.foreignKey().triggersEnabled()).isFalse();
        assertThat(bins.state()).isEqualTo("RI triggers disabled");
        Orphans skus = orphansOf(report, "stock_sku_fkey");
        assertThat(skus.keys()).containsExactly("(coffee)", "(milk)");
    }

    @Test
    void disabledTriggersOnTheParentLetADeleteOrphanItsChildren(Connection connection) throws SQLException {
        run(connection, "ALTER TABLE warehouse DISABLE TRIGGER ALL", "DELETE FROM warehouse WHERE id = 2");

        OrphanReport report = OrphanDetector.read(connection).audit(connection, Set.of(TableRef.of("warehouse")),
                OrphanSnapshot.NONE);

        Orphans bins = orphansOf(report, "bin_warehouse_id_fkey");
        assertThat(bins.keys()).containsExactly("(2)");
        assertThat(report.audited()).as("FKs to or from warehouse").isEqualTo(3);
    }

    @Test
    void onlyWrittenChildrenAndRemovedParentsCanMakeOrphans(Connection connection) throws SQLException {
        run(connection, "ALTER TABLE warehouse DISABLE TRIGGER ALL", "DELETE FROM warehouse WHERE id = 2");
        OrphanDetector detector = OrphanDetector.read(connection);
        TableRef warehouse = TableRef.of("warehouse");

        OrphanReport inserted = detector.audit(connection, new Touched(Set.of(warehouse), Set.of()), () -> connection);
        OrphanReport deleted = detector.audit(connection, new Touched(Set.of(), Set.of(warehouse)), () -> connection);

        assertThat(inserted.audited()).as("warehouse references nothing; rows added to it orphan nobody").isZero();
        assertThat(deleted.audited()).isEqualTo(3);
        assertThat(deleted.of("bin_warehouse_id_fkey")).get().extracting(Orphans::count).isEqualTo(1L);
    }

    @Test
    void aReplicaRoleLoadSkipsMatchFullChecks(Connection connection) throws SQLException {
        run(connection, "SET session_replication_role = replica",
                "INSERT INTO movement VALUES (1, 1, NULL), (2, NULL, NULL), (3, 2, 'Z'), (4, 1, 'A'), (5, NULL, 'A')",
                "RESET session_replication_role");

        OrphanReport report = OrphanDetector.read(connection).audit(connection, Set.of(TableRef.of("movement")),
                OrphanSnapshot.NONE);

        Orphans moves = orphansOf(report, "movement_bin_fkey");
        assertThat(moves.keys()).as("a mix of null and not null is a violation under MATCH FULL")
                .containsExactly("(1,)", "(2,Z)", "(,A)");
        assertThat(moves.state()).isEqualTo("MATCH FULL");
        assertThat(report.orphans()).hasSize(1);
    }

    @Test
    void notValidOrphansThatWereThereBeforeAreToldApart(Connection connection) throws SQLException {
        OrphanDetector detector = OrphanDetector.read(connection);
        OrphanSnapshot before = detector.snapshot(connection);
        run(connection, "SET session_replication_role = replica", "INSERT INTO legacy_order VALUES (4, 97), (5, 2)",
                "RESET session_replication_role");

        OrphanReport report = detector.audit(connection, null, before);

        Orphans legacy = orphansOf(report, "legacy_order_warehouse_fkey");
        assertThat(legacy.count()).isEqualTo(3);
        assertThat(legacy.preExisting()).isEqualTo(2);
        assertThat(legacy.newOrphans()).isEqualTo(1);
        assertThat(legacy.keys()).as("the test's own first").containsExactly("(97)", "(98)", "(99)");
        assertThat(legacy.state()).isEqualTo("NOT VALID");
        assertThat(before.keysOf("legacy_order_warehouse_fkey")).containsExactly("(98)", "(99)");
        assertThat(report.failing(false)).containsExactly(legacy);
    }

    @Test
    void aSecondOrphanRowWithAnOldKeyIsNew(Connection connection) throws SQLException {
        OrphanDetector detector = OrphanDetector.read(connection);
        OrphanSnapshot before = detector.snapshot(connection);
        run(connection, "SET session_replication_role = replica", "INSERT INTO legacy_order VALUES (6, 99)",
                "RESET session_replication_role");

        Orphans legacy = orphansOf(detector.audit(connection, null, before), "legacy_order_warehouse_fkey");

        assertThat(legacy.newOrphans()).isEqualTo(1);
        assertThat(legacy.keys()).containsExactly("(99)", "(98)", "(99)");
    }

    @Test
    void preExistingOrphansAloneFailOnlyWhenStrict(Connection connection) throws SQLException {
        OrphanDetector detector = OrphanDetector.read(connection);
        OrphanReport report = detector.audit(connection, null, detector.snapshot(connection));

        assertThat(report.failing(false)).isEmpty();
        assertThat(report.failing(true)).extracting(o -> o.foreignKey().name())
                .containsExactly("legacy_order_warehouse_fkey");
    }

    @Test
    void aReportFailsWithoutJUnitToo(Connection connection) throws SQLException {
        OrphanReport report = OrphanDetector.read(connection).audit(connection);

        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(OrphanAssertionError.class,
                () -> report.assertNoOrphans("The nightly import", false)))
                .hasMessageStartingWith("The nightly import left 2 orphan rows in 1 foreign key (rows whose"
                        + " referencing columns match no referenced row):\n  FK \"legacy_order_warehouse_fkey\"")
                .hasMessageEndingWith("Insert the missing referenced rows or delete the orphans (statements above).")
                .extracting(OrphanAssertionError::report).isSameAs(report);
    }

    @Test
    void logicalForeignKeysAreAuditedLikeConstraints(Connection connection) throws SQLException {
        run(connection, "INSERT INTO review VALUES (1, 'tea'), (2, 'nope'), (3, NULL), (4, 'nope')");

        OrphanReport report = OrphanDetector.read(connection, LogicalForeignKey.parse("review(product_sku) -> product(sku)"))
                .audit(connection, Set.of(TableRef.of("review")), OrphanSnapshot.NONE);

        Orphans reviews = orphansOf(report, "logical review(product_sku) -> product(sku)");
        assertThat(reviews.count()).isEqualTo(2);
        assertThat(reviews.keys()).containsExactly("(nope)", "(nope)");
        assertThat(reviews.logical()).isTrue();
        assertThat(reviews.state()).isEqualTo("no constraint");
    }

    @Test
    void onlyTheForeignKeysOfTouchedTablesAreAudited(Connection connection) throws SQLException {
        run(connection, "ALTER TABLE stock DISABLE TRIGGER ALL", "INSERT INTO stock VALUES (1, 1, 'Z', 'tea')");

        OrphanReport report = OrphanDetector.read(connection).audit(connection, Set.of(TableRef.of("review")),
                OrphanSnapshot.NONE);

        assertThat(report.isEmpty()).isTrue();
        assertThat(report.audited()).isZero();
    }

    @Test
    void theReportsSqlFindsAndDeletesExactlyTheOrphansWithQuotedNames(Connection connection) throws SQLException {
        run(connection, "INSERT INTO \"Order\" VALUES (1)", "ALTER TABLE \"Order Line\" DISABLE TRIGGER ALL",
                "INSERT INTO \"Order Line\" VALUES (1, 'a@x'), (7, 'b@x'), (NULL, 'c@x')");
        OrphanDetector detector = OrphanDetector.read(connection);
        Orphans lines = orphansOf(detector.audit(connection), "Order Line → Order");

        assertThat(lines.constraint()).isEqualTo(
                "FK \"Order Line → Order\" on \"public\".\"Order Line\" (\"Order Id\") -> \"public\".\"Order\" (\"Id\")");
        assertThat(lines.findSql()).isEqualTo("SELECT c.* FROM \"public\".\"Order Line\" AS c WHERE c.\"Order Id\""
                + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \"public\".\"Order\" AS p WHERE p.\"Id\" = c.\"Order Id\")"
                + " ORDER BY c.\"Order Id\"");
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(lines.findSql())) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("E-mail")).isEqualTo("b@x");
            assertThat(rows.next()).isFalse();
        }
        try (Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate(lines.cleanupSql())).isEqualTo(1);
        }
        assertThat(detector.audit(connection).of("Order Line → Order")).isEmpty();
    }

    @Test
    void showsTheFirstTenKeysInKeyOrderAndCountsAll(Connection connection) throws SQLException {
        run(connection, "ALTER TABLE review ADD CONSTRAINT review_sku_fkey FOREIGN KEY (product_sku)"
                        + " REFERENCES product (sku) NOT VALID",
                "ALTER TABLE review DISABLE TRIGGER ALL",
                "INSERT INTO review SELECT g, 'p' || lpad(g::text, 2, '0') FROM generate_series(1, 25) g");

        Orphans reviews = orphansOf(OrphanDetector.read(connection).audit(connection), "review_sku_fkey");

        assertThat(reviews.count()).isEqualTo(25);
        assertThat(reviews.keys()).hasSize(10).startsWith("(p01)").endsWith("(p10)");
        assertThat(reviews.describe()).contains("25 orphan rows; first 10 keys: (\"product_sku\")=(p01), ");
    }

    @Test
    void partitionedTablesAreAuditedThroughTheirPartitions(TestDatabase database) throws SQLException {
        Connection connection = database.connection();
        run(connection, "CREATE TABLE sale (id int, sku text REFERENCES product (sku)) PARTITION BY RANGE (id)",
                "CREATE TABLE sale_low PARTITION OF sale FOR VALUES FROM (0) TO (100)",
                "SET session_replication_role = replica", "INSERT INTO sale VALUES (1, 'tea'), (2, 'gin')",
                "RESET session_replication_role");

        OrphanReport report = OrphanDetector.read(connection).audit(connection, Set.of(TableRef.of("sale")),
                OrphanSnapshot.NONE);

        assertThat(report.orphans()).singleElement().satisfies(o -> {
            assertThat(o.foreignKey().child()).isEqualTo(TableRef.of("sale"));
            assertThat(o.keys()).isEqualTo(List.of("(gin)"));
        });
    }
}
