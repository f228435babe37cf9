package dev.refcheck.schema;

import static dev.refcheck.Queries.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.Isolation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Real schemas, applied by the extension to real PostgreSQL, as a user's test would see them. */
class SchemaSourceTest {

    @Nested
    @RefCheck(schema = "classpath:schema/pg_dump_style.sql")
    class PgDumpStyle {

        @Test
        void copyDataQuotedNamesEscapeStringsAndBodiesArriveIntact(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                assertThat(rows(statement, "SELECT id || '|' || coalesce(\"semi;colon\", '<null>') || '|'"
                        + " || coalesce(note, '<null>') FROM public.\"odd;name\" ORDER BY id"))
                        .isEqualTo("1|a;b|<null>,2|tab\there|line; with semicolon,3|<null>|it's; escaped\\");
                assertThat(rows(statement, "SELECT public.outer_fn()")).isEqualTo("nested; $ dollar;");
                assertThat(rows(statement, "SELECT public.atomic_fn(1) || public.atomic_fn(0)"))
                        .isEqualTo("positive;other;");
            }
        }

        @Test
        void theScriptsSessionSettingsDoNotLeakIntoTestDatabases(Connection connection) throws SQLException {
            // the dump empties search_path for its own session only
            try (Statement statement = connection.createStatement()) {
                assertThat(rows(statement, "SHOW search_path")).isEqualTo("\"$user\", public");
            }
        }
    }

    @Nested
    @RefCheck(schema = "classpath:corpus/pagila/schema.sql")
    class Pagila {

        @Test
        void everyTableViewFunctionAndTriggerExists(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                assertThat(rows(statement, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                        .isEqualTo("22");
                assertThat(rows(statement, "SELECT count(*) FROM pg_views WHERE schemaname = 'public'"))
                        .isEqualTo("7");
                assertThat(rows(statement, "SELECT public.last_day('2024-02-10'::timestamp)"))
                        .isEqualTo("2024-02-29");
                assertThat(rows(statement, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal"))
                        .isEqualTo("15");
            }
        }

        @Test
        void itsTriggersRunInTestDatabases(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO public.language (name, last_update) VALUES ('Klingon', '2000-01-01')");
                statement.execute("UPDATE public.language SET name = 'tlhIngan' WHERE name = 'Klingon'");
                assertThat(rows(statement, "SELECT last_update::date > '2000-01-01' FROM public.language"
                        + " WHERE name = 'tlhIngan'")).isEqualTo("t");
            }
        }
    }

    static final String CHINOOK_COUNTS = """
            SELECT (SELECT count(*) FROM artist) || ',' || (SELECT count(*) FROM album) || ','
                || (SELECT count(*) FROM track) || ',' || (SELECT count(*) FROM invoice_line) || ','
                || (SELECT count(*) FROM playlist_track) || ',' || (SELECT count(*) FROM employee)""";

    @Nested
    @RefCheck(schema = {"classpath:corpus/chinook/schema.sql", "classpath:corpus/chinook/data.sql"},
            isolation = Isolation.CLEAN)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class ChinookWithData {

        @Test
        @Order(1)
        void theSecondScriptLoadsEveryRow(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                assertThat(rows(statement, CHINOOK_COUNTS)).isEqualTo("275,347,3503,2240,8715,8");
            }
        }

        @Test
        @Order(2)
        void aTestDeletesAcrossTheSelfReferenceAndCommits(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM invoice_line");
                statement.execute("DELETE FROM invoice");
                statement.execute("DELETE FROM customer");
                statement.execute("UPDATE employee SET reports_to = NULL");
                statement.execute("DELETE FROM employee WHERE employee_id > 1");
                statement.execute("INSERT INTO artist (artist_id, name) VALUES (10000, 'refcheck')");
                assertThat(rows(statement, "SELECT count(*) FROM employee")).isEqualTo("1");
            }
        }

        @Test
        @Order(3)
        void theNextTestSeesTheScriptsRowsAgain(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                assertThat(rows(statement, CHINOOK_COUNTS)).isEqualTo("275,347,3503,2240,8715,8");
                assertThat(rows(statement, "SELECT count(*) FROM employee WHERE reports_to IS NOT NULL"))
                        .isEqualTo("7");
                assertThat(rows(statement, "SELECT count(*) FROM invoice")).isEqualTo("412");
            }
        }
    }

    @Nested
    @RefCheck(migrations = "classpath:db/migration-test")
    class FlywayMigrations {

        @Test
        void migrationsBuildTheSchemaAndTheirSeedRows(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                assertThat(rows(statement, "SELECT name FROM author ORDER BY id"))
                        .isEqualTo("Ursula K. Le Guin,Italo Calvino");
                assertThat(rows(statement, "SELECT version || ':' || success FROM flyway_schema_history"
                        + " ORDER BY installed_rank")).isEqualTo("1:true,2:true");
                statement.execute("INSERT INTO book (author_id, title) VALUES (2, 'Invisible Cities')");
            }
        }
    }
}
