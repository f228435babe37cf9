package dev.refcheck.jupiter;

import static dev.refcheck.Queries.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * restore and sequence reset, TRANSACTION's re-deferring of constraints, and the catalog.
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
}
