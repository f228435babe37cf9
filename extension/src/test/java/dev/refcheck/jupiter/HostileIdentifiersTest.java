package dev.refcheck.jupiter;

import static dev.refcheck.Queries.rows;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKey;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatParentDeleted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refcheck.fixtures.Fixture;
import dev.refcheck.fixtures.LoadResult;
import dev.refcheck.orphans.OrphanAudit;
import dev.refcheck.orphans.OrphanDetector;
import dev.refcheck.orphans.Orphans;
import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.TestDatabase;
import dev.refcheck.schema.ForeignKey;
import dev.refcheck.schema.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Tables, schemas, columns and constraints named to break SQL built by concatenation (see db/hostile.sql)
 * go through every path where refcheck writes SQL with them: the template's baseline copies, CLEAN's
 * restore and sequence reset, TRANSACTION's re-deferring of constraints, the catalog, the fixture loader, the
 * orphan audit's report and SQL, and the assertions.
 */
class HostileIdentifiersTest {

    static final String X = "\"x\"\"; DROP TABLE y; --\"";
    static final String MIXED = "\"Odd Schema\".\"Mixed Case\"";
    static final String UNICODE = "\"it's ünïcödé\"";

    static void assertTheSchemasRows(Statement statement) throws SQLException {
        assertThat(rows(statement, "SELECT id FROM y")).isEqualTo("1");
        assertThat(rows(statement, "SELECT id || ':' || \"Näme\" FROM " + X)).isEqualTo("1:seeded");
        assertThat(rows(statement, "SELECT \"Id\" || ':' || \"x ref\" FROM " + MIXED)).isEqualTo("1:1");
        assertThat(rows(statement, "SELECT count(*) FROM " + UNICODE)).isEqualTo("0");
    }

    @Nested
    @RefCheck(schema = "classpath:db/hostile.sql", isolation = Isolation.CLEAN)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Clean {

        @Test
        @Order(1)
        void aTestChangesEveryTable(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                assertTheSchemasRows(statement);
                statement.execute("DELETE FROM " + MIXED);
                statement.execute("DELETE FROM " + X);
                statement.execute("INSERT INTO " + X + " (\"Näme\") VALUES ('new'), ('newer')");
                statement.execute("INSERT INTO " + MIXED + " VALUES (5, 3)");
                statement.execute("INSERT INTO " + UNICODE + " (\"Mixed\") VALUES (5), (5)");
                statement.execute("INSERT INTO y VALUES (2)");
            }
        }

        @Test
        @Order(2)
        void theNextTestSeesTheSchemasRowsAndSequencesAgain(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                assertTheSchemasRows(statement);
                assertThat(rows(statement, "INSERT INTO " + X + " (\"Näme\") VALUES ('next') RETURNING id"))
                        .isEqualTo("2"); // the serial starts again where the schema left it
                assertThat(rows(statement, "INSERT INTO " + UNICODE + " (\"Mixed\") VALUES (1) RETURNING id"))
                        .isEqualTo("1");
            }
        }
    }

    @Nested
    @RefCheck(schema = "classpath:db/hostile.sql")
    class Transaction {

        @Test
        void commitChecksAndReDefersTheHostileConstraint(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO " + UNICODE + " (\"Mixed\") VALUES (1)");
                connection.commit(); // SET CONSTRAINTS ... DEFERRED with the hostile name
                statement.execute("INSERT INTO " + UNICODE + " (\"Mixed\") VALUES (99)"); // deferred again
                assertThatThrownBy(connection::commit).isInstanceOf(SQLException.class)
                        .hasMessageContaining("violates foreign key constraint \"fk\"; DROP TABLE y; --\"");
                assertTheSchemasRowsApartFromTheTests(statement);
            }
        }

        private void assertTheSchemasRowsApartFromTheTests(Statement statement) throws SQLException {
            assertThat(rows(statement, "SELECT id FROM y")).isEqualTo("1");
            assertThat(rows(statement, "SELECT count(*) FROM " + X)).isEqualTo("1");
        }

        @Test
        void theCatalogKeepsTheNamesAsTheyAre(TestDatabase database) {
            TableRef unicode = new TableRef("public", "it's ünïcödé");
            TableRef mixed = new TableRef("Odd Schema", "Mixed Case");

            ForeignKey fk = database.catalog().find(unicode, "fk\"; DROP TABLE y; --").orElseThrow();

            assertThat(fk.parent()).isEqualTo(mixed);
            assertThat(fk.childColumns()).containsExactly("Mixed");
            assertThat(fk.parentColumns()).containsExactly("Id");
            assertThat(fk.initiallyDeferred()).isTrue();
            assertThat(mixed.sql()).isEqualTo(MIXED);
            assertThat(database.catalog().declaredOn(mixed)).singleElement()
                    .satisfies(k -> assertThat(k.parent().sql()).isEqualTo("\"public\"." + X));
        }
    }

    /** The other paths that write SQL with user names: the fixture loader, the orphan audit, the assertions. */
    @Nested
    @RefCheck(schema = "classpath:db/hostile.sql")
    class FixturesAuditAndAssertions {

        @Test
        void theFixtureLoaderWritesIntoHostileTablesInForeignKeyOrder(TestDatabase database, Connection connection)
                throws SQLException {
            LoadResult loaded = database.load(Fixture.builder()
                    .row("it's ünïcödé", "Mixed", Fixture.ref("m", "Id"))
                    .rowAs("m", "Odd Schema.Mixed Case", "Id", 2, "x ref", Fixture.ref("x", "id"))
                    .rowAs("x", "x\"; DROP TABLE y; --", "Näme", "loaded")
                    .build());

            assertThat(loaded.plan().insertOrder()).containsSubsequence(new TableRef("public", "x\"; DROP TABLE y; --"),
                    new TableRef("Odd Schema", "Mixed Case"), new TableRef("public", "it's ünïcödé"));
            try (Statement statement = connection.createStatement()) {
                assertThat(rows(statement, "SELECT count(*) FROM " + UNICODE + " u JOIN " + MIXED
                        + " m ON m.\"Id\" = u.\"Mixed\" JOIN " + X + " x ON x.id = m.\"x ref\"")).isEqualTo("1");
                assertThat(rows(statement, "SELECT id FROM y")).isEqualTo("1");
            }
        }

        @Test
        @OrphanAudit(enabled = false)
        void theAuditReportsHostileNamesQuotedAndItsSqlRuns(TestDatabase database, Connection connection)
                throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE " + MIXED + " DISABLE TRIGGER ALL");
                statement.execute("INSERT INTO " + MIXED + " VALUES (7, 99)");

                Orphans orphans = OrphanDetector.read(connection).audit(connection).orphans().get(0);

                assertThat(orphans.constraint()).contains(MIXED).contains("\"public\"." + X);
                assertThat(rows(statement, orphans.findSql().replace("c.*", "c.\"Id\""))).isEqualTo("7");
                statement.execute(orphans.cleanupSql());
                assertThat(rows(statement, "SELECT count(*) FROM " + MIXED)).isEqualTo("1");
                assertThat(rows(statement, "SELECT id FROM y")).isEqualTo("1");
            }
        }

        @Test
        void theAssertionsNameAndCheckHostileConstraints(TestDatabase database, Connection connection) {
            assertThatForeignKeyViolation(() -> connection.createStatement().execute(
                    "INSERT INTO " + MIXED + " VALUES (8, 42)"))
                    .using(database).isMissingParent().hasReferencingTable("Odd Schema.Mixed Case")
                    .hasKeyColumns("x ref").hasKeyValues(42);
            assertThatForeignKey(database, "fk\"; DROP TABLE y; --").isInitiallyDeferred()
                    .references("Odd Schema.Mixed Case", "Id");
            assertThatParentDeleted(database, "Mixed Case_x ref_fkey", 1).isRefused();
        }
    }
}
