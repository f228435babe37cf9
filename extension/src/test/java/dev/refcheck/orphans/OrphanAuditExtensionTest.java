package dev.refcheck.orphans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.Isolation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The audit after each test, seen from JUnit: small {@code *TestCase} classes run through EngineTestKit, and
 * each test here checks how one of them ended. All run in one engine execution, so one server serves them.
 */
class OrphanAuditExtensionTest {

    static final String LOGICAL_BY_CONFIG = "review(product_sku) -> product(sku)";

    static EngineExecutionResults results;

    @BeforeAll
    static void runTheTestCases() {
        results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(OnlyInTestKit.KEY, "true")
                .configurationParameter("refcheck.provider", "embedded")
                .configurationParameter("refcheck.orphans.logical", LOGICAL_BY_CONFIG)
                .selectors(selectClass(TransactionTestCase.class), selectClass(CleanTestCase.class),
                        selectClass(FreshTestCase.class), selectClass(MisconfiguredTestCase.class))
                .execute();
    }

    static TestExecutionResult resultOf(Class<?> testCase, String method) {
        return results.testEvents().finished().stream()
                .filter(e -> e.getTestDescriptor().getSource().orElse(null) instanceof MethodSource source
                        && source.getClassName().equals(testCase.getName()) && source.getMethodName().equals(method))
                .findFirst().orElseThrow(() -> new AssertionError(testCase.getSimpleName() + "." + method
                        + " did not finish; events: " + results.allEvents().list()))
                .getRequiredPayload(TestExecutionResult.class);
    }

    static String failureOf(Class<?> testCase, String method) {
        TestExecutionResult result = resultOf(testCase, method);
        assertThat(result.getStatus()).as(method).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(result.getThrowable()).get().isInstanceOf(OrphanAssertionError.class);
        return result.getThrowable().orElseThrow().getMessage();
    }

    static void assertPassed(Class<?> testCase, String method) {
        TestExecutionResult result = resultOf(testCase, method);
        assertThat(result.getStatus()).as(method + " " + result.getThrowable().map(Throwable::toString).orElse(""))
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    static void run(Connection connection, String... sql) throws SQLException {
        OrphanDetectorTest.run(connection, sql);
    }

    @Test
    void aTestThatLeavesAnOrphanFailsWithTheReport() {
        assertThat(failureOf(TransactionTestCase.class, "leavesAnOrphan")).isEqualTo("""
                TransactionTestCase.leavesAnOrphan left 1 orphan row in 1 foreign key (rows whose referencing\
                 columns match no referenced row):
                  FK "stock_bin_fkey" on "public"."stock" ("warehouse_id", "bin_code") -> "public"."bin"\
                 ("warehouse_id", "code") [RI triggers disabled]
                    1 orphan row; keys: ("warehouse_id", "bin_code")=(1,Z)
                    find them: SELECT c.* FROM "public"."stock" AS c WHERE c."warehouse_id" IS NOT NULL AND\
                 c."bin_code" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "public"."bin" AS p WHERE\
                 p."warehouse_id" = c."warehouse_id" AND p."code" = c."bin_code") ORDER BY c."warehouse_id",\
                 c."bin_code"
                    clean up:  DELETE FROM "public"."stock" AS c WHERE c."warehouse_id" IS NOT NULL AND\
                 c."bin_code" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "public"."bin" AS p WHERE\
                 p."warehouse_id" = c."warehouse_id" AND p."code" = c."bin_code")
                Insert the missing referenced rows or delete the orphans (statements above).""");
    }

    @Test
    void aDeferredViolationUnderRollbackFailsTheTest() {
        String message = failureOf(TransactionTestCase.class, "violatesADeferredConstraint");

        assertThat(message).startsWith("TransactionTestCase.violatesADeferredConstraint would fail at COMMIT: a"
                        + " deferred constraint is violated, which the rollback at the end of the test would otherwise"
                        + " hide.\n  SET CONSTRAINTS ALL IMMEDIATE raised SQLSTATE 23503: ERROR: insert or update on"
                        + " table \"shipment\" violates foreign key constraint \"shipment_warehouse_fkey\"")
                .contains("Key (warehouse_id)=(42) is not present in table \"warehouse\".")
                .contains("FK \"shipment_warehouse_fkey\" on \"public\".\"shipment\" (\"warehouse_id\") ->"
                        + " \"public\".\"warehouse\" (\"id\") [DEFERRABLE INITIALLY DEFERRED]\n"
                        + "    1 orphan row; keys: (\"warehouse_id\")=(42)");
    }

    @Test
    void anyDeferredConstraintIsFiredNotOnlyForeignKeys() {
        assertThat(failureOf(TransactionTestCase.class, "violatesADeferredUniqueConstraint")).isEqualTo(
                "TransactionTestCase.violatesADeferredUniqueConstraint would fail at COMMIT: a deferred constraint is"
                        + " violated, which the rollback at the end of the test would otherwise hide.\n"
                        + "  SET CONSTRAINTS ALL IMMEDIATE raised SQLSTATE 23505: ERROR: duplicate key value violates"
                        + " unique constraint \"seat_n_key\"\n    Detail: Key (n)=(1) already exists.\n"
                        + "Make the rows valid before the test ends: a real COMMIT raises this error.");
    }

    @Test
    void theAuditCanBeTurnedOffPerMethod() {
        assertPassed(TransactionTestCase.class, "mayLeaveOrphansWhenTheAuditIsOff");
    }

    @Test
    void orphansFromBeforeTheTestDoNotFailItUnlessStrict() {
        assertPassed(TransactionTestCase.class, "touchesTheLegacyTable");
        assertThat(failureOf(TransactionTestCase.class, "touchesTheLegacyTableStrictly"))
                .startsWith("TransactionTestCase.touchesTheLegacyTableStrictly left 2 orphan rows in 1 foreign key")
                .contains("2 orphan rows (0 new, 2 already there before the test); keys:"
                        + " (\"warehouse_id\")=(98), (\"warehouse_id\")=(99)");
    }

    @Test
    void aReplicaLoadIntoANotValidConstraintCountsOnlyTheNewOrphans() {
        assertThat(failureOf(TransactionTestCase.class, "loadsAsReplica"))
                .startsWith("TransactionTestCase.loadsAsReplica left 1 orphan row in 1 foreign key")
                .contains("FK \"legacy_order_warehouse_fkey\" on \"public\".\"legacy_order\" (\"warehouse_id\") ->"
                        + " \"public\".\"warehouse\" (\"id\") [NOT VALID]\n"
                        + "    3 orphan rows (1 new, 2 already there before the test); keys: (\"warehouse_id\")=(77),"
                        + " (\"warehouse_id\")=(98), (\"warehouse_id\")=(99)")
                .endsWith("; orphans that were there before the test do not fail it.");
    }

    @Test
    void logicalForeignKeysComeFromTheAnnotationAndTheConfiguration() {
        assertThat(failureOf(TransactionTestCase.class, "breaksALogicalForeignKeyDeclaredOnTheMethod"))
                .contains("logical bin(warehouse_id) -> warehouse(id) on \"public\".\"bin\" (\"warehouse_id\") ->"
                        + " \"public\".\"warehouse\" (\"id\") [no constraint]");
        assertThat(failureOf(TransactionTestCase.class, "breaksTheLogicalForeignKeyOfTheConfiguration"))
                .startsWith("TransactionTestCase.breaksTheLogicalForeignKeyOfTheConfiguration left 1 orphan row")
                .contains("logical review(product_sku) -> product(sku) on \"public\".\"review\" (\"product_sku\") ->"
                        + " \"public\".\"product\" (\"sku\") [no constraint]\n    1 orphan row; keys:"
                        + " (\"product_sku\")=(nope)");
    }

    @Test
    void aForeignKeyMadeByTheTestIsAuditedThroughThePartitionItWroteTo() {
        assertThat(failureOf(TransactionTestCase.class, "addsAForeignKeyToAPartitionedTableAndBreaksIt"))
                .contains("FK \"sale_sku_fkey\" on \"public\".\"sale\" (\"sku\") -> \"public\".\"product\" (\"sku\")\n"
                        + "    1 orphan row; keys: (\"sku\")=(gin)");
    }

    @Test
    void aFullAuditLooksAtTablesTheTestDidNotTouch() {
        assertThat(failureOf(TransactionTestCase.class, "touchesNothingButAsksForAFullStrictAudit"))
                .startsWith("TransactionTestCase.touchesNothingButAsksForAFullStrictAudit left 2 orphan rows in 1"
                        + " foreign key")
                .contains("FK \"legacy_order_warehouse_fkey\"");
    }

    @Test
    void rowsTheTestChangedAndRowsWhoseParentItDeletedAreBothAudited() {
        assertThat(failureOf(TransactionTestCase.class, "repointsAnOldRowAsReplica"))
                .startsWith("TransactionTestCase.repointsAnOldRowAsReplica left 1 orphan row in 1 foreign key")
                .contains("FK \"bin_warehouse_id_fkey\"").contains("1 orphan row; keys: (\"warehouse_id\")=(7)");
        assertThat(failureOf(TransactionTestCase.class, "deletesAParentOfOldRowsAsReplica"))
                .contains("FK \"bin_warehouse_id_fkey\"")
                .contains("2 orphan rows; keys: (\"warehouse_id\")=(1), (\"warehouse_id\")=(1)");
    }

    @Test
    void aTestWithoutOrphansPasses() {
        assertPassed(TransactionTestCase.class, "writesConsistentRows");
    }

    @Test
    void cleanIsolationAuditsTheCommittedTablesAndTheNextTestStartsClean() {
        assertThat(failureOf(CleanTestCase.class, "commitsAnOrphan"))
                .startsWith("CleanTestCase.commitsAnOrphan left 1 orphan row in 1 foreign key")
                .contains("(\"sku\")=(gin)");
        assertPassed(CleanTestCase.class, "theNextTestStartsClean");
        assertPassed(CleanTestCase.class, "touchesATableWithOrphansFromBefore");
        assertThat(failureOf(CleanTestCase.class, "touchesATableWithOrphansFromBeforeStrictly"))
                .contains("3 orphan rows (0 new, 3 already there before the test); keys: (\"code\")=(A),"
                        + " (\"code\")=(A), (\"code\")=(B)");
    }

    @Test
    void freshIsolationAuditsEveryForeignKey() {
        assertThat(failureOf(FreshTestCase.class, "deletesAReferencedParent"))
                .contains("FK \"bin_warehouse_id_fkey\"").contains("(\"warehouse_id\")=(2)");
        assertPassed(FreshTestCase.class, "touchesTheLegacyTable");
    }

    @Test
    void aLogicalForeignKeyOnAMissingColumnSaysWhichDeclarationToCheck() {
        TestExecutionResult result = resultOf(MisconfiguredTestCase.class, "declaresALogicalForeignKeyOnAMissingColumn");
        assertThat(result.getThrowable()).get().isInstanceOf(SQLException.class)
                .extracting(Throwable::getMessage).asString()
                .startsWith("ERROR: column c.sku does not exist")
                .endsWith("Check the logical FKs declared for MisconfiguredTestCase.declaresALogicalForeignKeyOnAMissingColumn"
                        + " (\"public\".\"review\" (\"product_sku\") -> \"public\".\"product\" (\"sku\") MATCH SIMPLE;"
                        + " \"public\".\"review\" (\"sku\") -> \"public\".\"product\" (\"sku\") MATCH SIMPLE): each must"
                        + " name tables and columns of the test's database.");
    }

    @Test
    void aMalformedLogicalForeignKeyIsAConfigurationError() {
        TestExecutionResult result = resultOf(MisconfiguredTestCase.class, "declaresAMalformedLogicalForeignKey");
        assertThat(result.getThrowable()).get().isInstanceOf(ExtensionConfigurationException.class)
                .extracting(Throwable::getMessage).isEqualTo("[@OrphanAudit(logical)] on"
                        + " MisconfiguredTestCase.declaresAMalformedLogicalForeignKey: a logical FK must read"
                        + " child(column, ...) -> parent(column, ...) [MATCH FULL], but 'review(product_sku ->"
                        + " product(sku)' has '-> product(sku)' at character 20 where ')' was expected");
    }

    @RefCheck(schema = "classpath:db/orphans.sql")
    @OnlyInTestKit
    static class TransactionTestCase {

        @Test
        void leavesAnOrphan(Connection connection) throws SQLException {
            run(connection, "ALTER TABLE stock DISABLE TRIGGER ALL", "INSERT INTO stock VALUES (1, 1, 'Z', 'tea')");
        }

        @Test
        void violatesADeferredConstraint(Connection connection) throws SQLException {
            run(connection, "INSERT INTO shipment VALUES (1, 42)");
        }

        @Test
        void violatesADeferredUniqueConstraint(Connection connection) throws SQLException {
            run(connection, "INSERT INTO seat VALUES (1), (1)");
        }

        @Test
        @OrphanAudit(enabled = false)
        void mayLeaveOrphansWhenTheAuditIsOff(Connection connection) throws SQLException {
            leavesAnOrphan(connection);
        }

        @Test
        void touchesTheLegacyTable(Connection connection) throws SQLException {
            run(connection, "INSERT INTO legacy_order VALUES (10, 1)");
        }

        @Test
        @OrphanAudit(strict = true)
        void touchesTheLegacyTableStrictly(Connection connection) throws SQLException {
            touchesTheLegacyTable(connection);
        }

        @Test
        void loadsAsReplica(Connection connection) throws SQLException {
            run(connection, "SET session_replication_role = replica", "INSERT INTO legacy_order VALUES (11, 77)",
                    "RESET session_replication_role");
        }

        @Test
        @OrphanAudit(logical = "bin(warehouse_id) -> warehouse(id)")
        void breaksALogicalForeignKeyDeclaredOnTheMethod(Connection connection) throws SQLException {
            run(connection, "ALTER TABLE warehouse DISABLE TRIGGER ALL", "DELETE FROM warehouse WHERE id = 2");
        }

        @Test
        void breaksTheLogicalForeignKeyOfTheConfiguration(Connection connection) throws SQLException {
            run(connection, "INSERT INTO review VALUES (1, 'nope'), (2, 'tea')");
        }

        @Test
        void addsAForeignKeyToAPartitionedTableAndBreaksIt(Connection connection) throws SQLException {
            run(connection, "CREATE TABLE sale (id int, sku text CONSTRAINT sale_sku_fkey REFERENCES product (sku))"
                            + " PARTITION BY RANGE (id)",
                    "CREATE TABLE sale_low PARTITION OF sale FOR VALUES FROM (0) TO (100)",
                    "SET session_replication_role = replica", "INSERT INTO sale VALUES (1, 'gin')",
                    "RESET session_replication_role");
        }

        @Test
        @OrphanAudit(full = true, strict = true)
        void touchesNothingButAsksForAFullStrictAudit() {
        }

        /** The audit reads only the rows a test wrote: an old row the test changed is one of them. */
        @Test
        void repointsAnOldRowAsReplica(Connection connection) throws SQLException {
            run(connection, "SET session_replication_role = replica",
                    "UPDATE bin SET warehouse_id = 7 WHERE (warehouse_id, code) = (2, 'A')",
                    "RESET session_replication_role");
        }

        /** ... and a parent the test deleted makes the audit read every row that could have pointed at it. */
        @Test
        void deletesAParentOfOldRowsAsReplica(Connection connection) throws SQLException {
            run(connection, "SET session_replication_role = replica", "DELETE FROM warehouse WHERE id = 1",
                    "RESET session_replication_role");
        }

        @Test
        void writesConsistentRows(Connection connection) throws SQLException {
            run(connection, "INSERT INTO stock VALUES (1, 1, 'A', 'tea')", "INSERT INTO review VALUES (1, 'cake')");
        }
    }

    @RefCheck(schema = "classpath:db/orphans.sql", isolation = Isolation.CLEAN)
    @OnlyInTestKit
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class CleanTestCase {

        @Test
        @Order(1)
        void commitsAnOrphan(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                run(connection, "SET session_replication_role = replica", "INSERT INTO stock VALUES (1, 1, 'A', 'gin')");
            }
        }

        @Test
        @Order(2)
        void theNextTestStartsClean(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM stock")) {
                rows.next();
                assertThat(rows.getInt(1)).isZero();
            }
            run(connection, "INSERT INTO stock VALUES (1, 1, 'A', 'tea')");
        }

        // bin's seeded codes A and B are no product: orphans of this logical FK from before the test
        @Test
        @Order(3)
        @OrphanAudit(logical = "bin(code) -> product(sku)")
        void touchesATableWithOrphansFromBefore(Connection connection) throws SQLException {
            run(connection, "INSERT INTO bin VALUES (2, 'tea')");
        }

        @Test
        @Order(4)
        @OrphanAudit(logical = "bin(code) -> product(sku)", strict = true)
        void touchesATableWithOrphansFromBeforeStrictly(Connection connection) throws SQLException {
            touchesATableWithOrphansFromBefore(connection);
        }
    }

    @RefCheck(schema = "classpath:db/orphans.sql", isolation = Isolation.FRESH)
    @OnlyInTestKit
    static class FreshTestCase {

        @Test
        void deletesAReferencedParent(Connection connection) throws SQLException {
            run(connection, "SET session_replication_role = replica", "DELETE FROM warehouse WHERE id = 2");
        }

        @Test
        void touchesTheLegacyTable(Connection connection) throws SQLException {
            run(connection, "INSERT INTO legacy_order VALUES (10, 1)");
        }
    }

    @RefCheck(schema = "classpath:db/orphans.sql")
    @OnlyInTestKit
    static class MisconfiguredTestCase {

        @Test
        @OrphanAudit(logical = "review(sku) -> product(sku)")
        void declaresALogicalForeignKeyOnAMissingColumn(Connection connection) throws SQLException {
            run(connection, "INSERT INTO review VALUES (1, 'tea')");
        }

        @Test
        @OrphanAudit(logical = "review(product_sku -> product(sku)")
        void declaresAMalformedLogicalForeignKey() {
        }
    }
}
