package dev.refcheck.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.orphans.OrphanAudit;
import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Each isolation mode, run twice in a row: the second test must see exactly the schema's own rows,
 * whatever the first one wrote, and sequences must start again where the schema left them.
 */
class IsolationTest {

    static void writeEverything(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO country VALUES ('IT', 'Italy')");
            statement.execute("UPDATE country SET name = 'République française' WHERE code = 'FR'");
            statement.execute("INSERT INTO customer (name, country) VALUES ('Ada', 'IT')");
            statement.execute("INSERT INTO \"order\" (customer_id) SELECT id FROM customer");
            statement.execute("INSERT INTO order_line SELECT id, 1, 'tea' FROM \"order\"");
        }
    }

    static void assertPristine(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            assertThat(rows(statement, "SELECT code || ':' || name FROM country ORDER BY code"))
                    .isEqualTo("DE:Germany,FR:France");
            assertThat(rows(statement, "SELECT count(*) FROM customer")).isEqualTo("0");
            assertThat(rows(statement, "SELECT count(*) FROM \"order\"")).isEqualTo("0");
            assertThat(rows(statement, "SELECT count(*) FROM order_line")).isEqualTo("0");
        }
    }

    static String rows(Statement statement, String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                out.append(out.length() == 0 ? "" : ",").append(rows.getString(1));
            }
        }
        return out.toString();
    }

    static int firstCustomerId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "INSERT INTO customer (name, country) VALUES ('Bob', 'FR') RETURNING id")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Nested
    @RefCheck(schema = "classpath:db/shop.sql", isolation = Isolation.TRANSACTION)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Transaction {

        @Test
        @Order(1)
        void firstTestWrites(Connection connection) throws SQLException {
            assertPristine(connection);
            writeEverything(connection);
        }

        @Test
        @Order(2)
        void secondTestSeesNothingOfIt(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                assertPristine(connection);
            }
        }

        @Test
        @Order(3)
        void everyConnectionSharesTheTestTransaction(DataSource dataSource, TestDatabase database) throws SQLException {
            try (Connection first = dataSource.getConnection()) {
                writeEverything(first);
            }
            try (Connection second = dataSource.getConnection(); Statement statement = second.createStatement()) {
                assertThat(rows(statement, "SELECT count(*) FROM customer")).isEqualTo("1");
            }
            assertThat(database.isolation()).isEqualTo(Isolation.TRANSACTION);
        }

        @Test
        @Order(4)
        void aFailedStatementDoesNotPoisonTheTransaction(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(SQLException.class,
                        () -> statement.execute("INSERT INTO customer (name, country) VALUES ('x', 'XX')"))
                        .getSQLState()).isEqualTo("23503");
                assertThat(rows(statement, "SELECT count(*) FROM country")).isEqualTo("2");
            }
        }

        @Test
        @Order(5)
        void rollbackUndoesOnlyWorkSinceTheLastCommit(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO country VALUES ('ES', 'Spain')");
                connection.commit();
                statement.execute("INSERT INTO country VALUES ('PT', 'Portugal')");
                connection.rollback();
                assertThat(rows(statement, "SELECT string_agg(code, ',' ORDER BY code) FROM country"))
                        .isEqualTo("DE,ES,FR");
            }
        }

        @Test
        @Order(6)
        void aFailedCommitUndoesTheWorkSinceTheLastCommitAsARealOneWould(Connection connection)
                throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE note (id int PRIMARY KEY,"
                        + " customer_id int REFERENCES customer DEFERRABLE INITIALLY DEFERRED)");
                connection.commit();
                statement.execute("INSERT INTO note VALUES (1, 42)");

                assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(SQLException.class,
                        connection::commit).getSQLState()).isEqualTo("23503");
                assertThat(rows(statement, "SELECT count(*) FROM note")).isEqualTo("0");
            }
        }
    }

    @Nested
    @RefCheck(schema = "classpath:db/shop.sql", isolation = Isolation.CLEAN)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Clean {

        @Test
        @Order(1)
        void firstTestCommits(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                assertPristine(connection);
                assertThat(firstCustomerId(connection)).isEqualTo(1);
                writeEverything(connection);
            }
        }

        @Test
        @Order(2)
        void secondTestSeesTheSchemaRowsAndFreshSequences(Connection connection) throws SQLException {
            assertPristine(connection);
            assertThat(firstCustomerId(connection)).isEqualTo(1);
        }

        @Test
        @Order(3)
        void aConnectionLeftOpenIsClosedAndCleanedAfter(DataSource dataSource) throws SQLException {
            Connection leaked = dataSource.getConnection();
            writeEverything(leaked);
        }

        @Test
        @Order(4)
        void andTheNextTestIsPristine(Connection connection) throws SQLException {
            assertPristine(connection);
        }
    }

    @Nested
    @RefCheck(schema = "classpath:db/shop.sql", isolation = Isolation.FRESH)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Fresh {

        static String previous;

        @Test
        @Order(1)
        void firstTestWrites(Connection connection, TestDatabase database) throws SQLException {
            previous = database.name();
            writeEverything(connection);
        }

        @Test
        @Order(2)
        void secondTestHasANewDatabase(Connection connection, TestDatabase database) throws SQLException {
            assertThat(database.name()).isNotEqualTo(previous);
            assertPristine(connection);
        }
    }

    @Nested
    @RefCheck(schema = "classpath:db/shop.sql", isolation = Isolation.FRESH_PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class FreshPerClass {

        @Test
        @Order(1)
        void firstTestWrites(Connection connection) throws SQLException {
            writeEverything(connection);
        }

        @Test
        @Order(2)
        void secondTestSharesTheClassDatabase(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                assertThat(rows(statement, "SELECT count(*) FROM customer")).isEqualTo("1");
            }
        }
    }

    @Nested
    @RefCheck(schema = "classpath:db/seeded-orphan.sql", isolation = Isolation.CLEAN)
    @OrphanAudit(enabled = false)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class CleanWithLegacyOrphans {

        @Test
        @Order(1)
        void aTestRewritesTheTableHoldingTheOrphan(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM player");
                statement.execute("INSERT INTO player VALUES (12, 1)");
            }
        }

        @Test
        @Order(2)
        void theSchemasRowsComeBackOrphanIncluded(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                assertThat(rows(statement, "SELECT id || ':' || team_id FROM player ORDER BY id"))
                        .isEqualTo("10:1,11:99");
            }
        }
    }
}
