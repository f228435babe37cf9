package dev.refcheck.postgres;

import static dev.refcheck.Queries.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refcheck.schema.SchemaException;
import dev.refcheck.schema.SchemaSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Templates built from scripts and migrations on a real server: one per distinct content, and when a script
 * fails, a message that leads to the line. The messages are asserted whole: they are what a user reads.
 */
class TemplateBuildTest {

    private static Cluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        cluster = Cluster.start(ServerSpec.embedded());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static final ClassLoader LOADER = TemplateBuildTest.class.getClassLoader();

    private static SchemaSource scripts(String... locations) {
        return SchemaSource.of(List.of(locations), List.of(), LOADER);
    }

    private String file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return "file:" + file;
    }

    private static String databases(String like) throws SQLException {
        try (Connection connection = cluster.server().connect(cluster.server().maintenanceDatabase())) {
            return rows(connection, "SELECT count(*) FROM pg_database WHERE datname LIKE '" + like + "'");
        }
    }

    @Test
    void anErrorNamesTheFileTheLineOfTheTokenTheStatementAndPostgresqlsWords() throws IOException {
        String script = file("broken.sql", """
                CREATE TABLE a (id int PRIMARY KEY);

                CREATE TABLE b (
                    id int,
                    name txet
                );
                """);

        assertThatThrownBy(() -> cluster.template(scripts(script)))
                .isInstanceOf(SchemaException.class)
                .hasMessage("Schema script " + script + ", line 5: PostgreSQL refused the statement: type \"txet\""
                        + " does not exist (SQLSTATE 42704), at position 39 of the statement (line 5, column 10)\n"
                        + "  statement: CREATE TABLE b ( id int, name txet )");
    }

    @Test
    void aRefusedStatementWithoutAPositionReportsItsFirstLineAndTheDetail() throws IOException {
        String script = file("keys.sql", """
                CREATE TABLE parent (id int PRIMARY KEY);
                CREATE TABLE child (parent_id int REFERENCES parent (id));
                INSERT INTO child VALUES (7);
                """);

        assertThatThrownBy(() -> cluster.template(scripts(script)))
                .hasMessage("Schema script " + script + ", line 3: PostgreSQL refused the statement: insert or update"
                        + " on table \"child\" violates foreign key constraint \"child_parent_id_fkey\" (SQLSTATE 23503)\n"
                        + "  detail: Key (parent_id)=(7) is not present in table \"parent\".\n"
                        + "  statement: INSERT INTO child VALUES (7)");
    }

    @Test
    void aBadCopyRowIsReportedAtItsOwnLine() throws IOException {
        String script = file("dump.sql", "CREATE TABLE t (id int, name text);\n\nCOPY t (id, name) FROM stdin;\n"
                + "1\tone\n2\ttwo\nthree\t3\n\\.\n");

        assertThatThrownBy(() -> cluster.template(scripts(script)))
                .hasMessage("Schema script " + script + ", line 6: PostgreSQL refused the statement: invalid input"
                        + " syntax for type integer: \"three\" (SQLSTATE 22P02)\n"
                        + "  where: COPY t, line 3, column id: \"three\"\n"
                        + "  statement: COPY t (id, name) FROM stdin");
    }

    @Test
    void theFailingScriptIsNamedWhenSeveralRunInOrder() throws IOException {
        String first = file("first.sql", "CREATE TABLE t (id int);\n");
        String second = file("second.sql", "-- rows\nINSERT INTO t VALUES ('x');\n");

        assertThatThrownBy(() -> cluster.template(scripts(first, second)))
                .hasMessageStartingWith("Schema script " + second + ", line 2: PostgreSQL refused the statement:"
                        + " invalid input syntax for type integer: \"x\" (SQLSTATE 22P02), at position 23");
    }

    @Test
    void aFailedTemplateIsDroppedAndTheSameErrorComesBackWithoutARetry() throws IOException, SQLException {
        SchemaSource broken = scripts(file("once.sql", "CREATE TABLE once (id int);\nSELECT nope;\n"));
        String like = "refcheck\\_%\\_t" + broken.fingerprint().substring(0, 12);

        SchemaException first = catchSchemaException(broken);
        SchemaException again = catchSchemaException(broken);

        assertThat(again).isSameAs(first);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.getMessage()).contains("column \"nope\" does not exist");
        assertThat(databases(like)).isEqualTo("0");
    }

    private static SchemaException catchSchemaException(SchemaSource schema) {
        try {
            cluster.template(schema);
        } catch (SchemaException e) {
            return e;
        }
        throw new AssertionError("expected a SchemaException");
    }

    @Test
    void theSameContentGetsTheSameTemplateAndOtherContentAnother() throws IOException {
        String a = file("a.sql", "CREATE TABLE t (id int);\n");
        String sameText = file("b.sql", "CREATE TABLE t (id int);\n");
        String other = file("c.sql", "CREATE TABLE t (id bigint);\n");

        Template template = cluster.template(scripts(a));

        assertThat(cluster.template(scripts(sameText))).isSameAs(template);
        assertThat(cluster.template(scripts(other)).name()).isNotEqualTo(template.name());
    }

    @Test
    void datasetFilesAmongTheScriptsGoIntoTheTemplateInForeignKeyOrder() throws Exception {
        String schema = file("shop.sql", """
                CREATE TABLE country (code text PRIMARY KEY, name text NOT NULL);
                CREATE TABLE customer (id int PRIMARY KEY, country text NOT NULL REFERENCES country);
                """);
        String customers = file("customers.yml", """
                customer:
                  - id: 1
                    country: IT
                """);
        String countries = file("country.csv", "code,name\nIT,Italy\nFR,France\n");

        Template template = cluster.template(scripts(schema, customers, countries));

        try (Connection connection = cluster.server().connect(template.name())) {
            assertThat(rows(connection, "SELECT string_agg(code, ',' ORDER BY code) FROM country")).isEqualTo("FR,IT");
            assertThat(rows(connection, "SELECT count(*) FROM customer")).isEqualTo("1");
        }
        Files.writeString(Path.of(countries.substring("file:".length())), "code,name\nIT,Italia\n");
        assertThat(scripts(schema, customers, countries).fingerprint())
                .isNotEqualTo(scripts(schema, customers, file("other.csv", "code,name\nIT,Italy\nFR,France\n"))
                        .fingerprint())
                .isNotEqualTo(template.fingerprint());
    }

    @Test
    void aDatasetRowThatCannotGoInNamesItsFileAndLineAndNoTemplateIsLeft() throws Exception {
        String schema = file("orders.sql", """
                CREATE TABLE country (code text PRIMARY KEY);
                CREATE TABLE customer (id int PRIMARY KEY, country text NOT NULL REFERENCES country);
                """);
        String customers = file("orphans.yml", """
                customer:
                  - id: 1
                    country: XX
                """);
        String like = "%_t" + scripts(schema, customers).fingerprint().substring(0, 12);

        assertThatThrownBy(() -> cluster.template(scripts(schema, customers)))
                .isInstanceOf(dev.refcheck.fixtures.FixtureException.class)
                .hasMessageContaining(customers + ":2")
                .hasMessageContaining("customer_country_fkey");
        assertThat(databases(like)).isEqualTo("0");
    }

    @Test
    void flywayMigrationsGetOneTemplatePerContent() throws IOException {
        SchemaSource migrations = SchemaSource.of(List.of(), List.of("classpath:db/migration-test"), LOADER);
        Template template = cluster.template(migrations);

        assertThat(cluster.template(SchemaSource.of(List.of(), List.of("classpath:db/migration-test"), LOADER)))
                .isSameAs(template);
        assertThat(template.baseline().tableOids()).hasSize(3); // author, book, flyway_schema_history

        Path folder = Files.createDirectory(dir.resolve("migrations"));
        Files.writeString(folder.resolve("V1__t.sql"), "CREATE TABLE t (id int);");
        String before = SchemaSource.of(List.of(), List.of("filesystem:" + folder), LOADER).fingerprint();
        Files.writeString(folder.resolve("V2__u.sql"), "CREATE TABLE u (id int);");
        String after = SchemaSource.of(List.of(), List.of("filesystem:" + folder), LOADER).fingerprint();
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void aFailingMigrationIsReportedWithFlywaysReason() {
        SchemaSource broken = SchemaSource.of(List.of(), List.of("classpath:db/migration-broken"), LOADER);

        assertThatThrownBy(() -> cluster.template(broken))
                .isInstanceOf(SchemaException.class)
                .hasMessageStartingWith("Schema script classpath:db/migration-broken: Flyway migration failed:")
                .hasMessageContaining("V2__bad.sql")
                .hasMessageContaining("relation \"shelve\" does not exist");
    }

    @Test
    void aMissingMigrationLocationIsReportedBeforeAnyServerWork() {
        assertThatThrownBy(() -> SchemaSource.of(List.of(), List.of("classpath:db/no-such-migrations"), LOADER))
                .isInstanceOf(SchemaException.class)
                .hasMessage("Schema script classpath:db/no-such-migrations: migration location not found on the"
                        + " classpath (looked for 'db/no-such-migrations')");
    }

    @Test
    void aMissingClasspathScriptSaysWhereToPutIt() {
        assertThatThrownBy(() -> scripts("classpath:db/nope.sql"))
                .isInstanceOf(SchemaException.class)
                .hasMessage("Schema script classpath:db/nope.sql: not found on the classpath (looked for resource"
                        + " 'db/nope.sql'); put it under src/test/resources or fix the path");
    }

    @Test
    void aMissingFileSaysWhereRelativePathsStart() {
        Path cwd = Paths.get("").toAbsolutePath();

        assertThatThrownBy(() -> scripts("file:sql/nope.sql"))
                .isInstanceOf(SchemaException.class)
                .hasMessage("Schema script file:sql/nope.sql: no such file " + cwd.resolve("sql/nope.sql")
                        + " (relative paths start at " + cwd + ")");
        assertThatThrownBy(() -> scripts("sql/nope.sql"))
                .hasMessage("Schema script sql/nope.sql: not found on the classpath nor as the file "
                        + cwd.resolve("sql/nope.sql") + "; prefix it with classpath: or file: and check the path");
    }

    @Test
    void refcheckNeverDropsADatabaseItDidNotCreate() throws SQLException {
        assertThatThrownBy(() -> cluster.dropDatabase("postgres"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("refcheck never drops a database it did not create: postgres");
        assertThat(databases("postgres")).isEqualTo("1");
    }

    @Test
    void anOldDumpWithBackslashEscapedStringsLoads() throws IOException, SQLException {
        String script = file("old.sql", "SET standard_conforming_strings = off;\nCREATE TABLE t (note text);\n"
                + "INSERT INTO t VALUES ('it\\'s; one');\nSET standard_conforming_strings = on;\n"
                + "INSERT INTO t VALUES ('C:\\');\n");

        Template template = cluster.template(scripts(script));

        try (Connection connection = cluster.server().connect(template.name())) {
            assertThat(rows(connection, "SELECT note FROM t ORDER BY note")).isEqualTo("C:\\,it's; one");
        }
    }
}
