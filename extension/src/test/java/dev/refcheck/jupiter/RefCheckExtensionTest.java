package dev.refcheck.jupiter;

import static dev.refcheck.Queries.rows;
import static dev.refcheck.jupiter.EngineRuns.failures;
import static dev.refcheck.jupiter.EngineRuns.onlyFailure;
import static dev.refcheck.jupiter.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.TestDatabase;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** What the annotation does inside JUnit: where it may sit, what it injects, how it is configured. */
class RefCheckExtensionTest {

    /** What the test cases saw, by name; cleared before each run. */
    static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

    @BeforeEach
    void forget() {
        SEEN.clear();
    }

    static void see(String key, Object value) {
        SEEN.put(key, value);
    }

    static String countries(Connection connection) throws SQLException {
        return rows(connection, "SELECT code FROM country ORDER BY code");
    }

    private static void assertAllPassed(EngineExecutionResults results, int tests) {
        assertThat(failures(results)).isEmpty();
        results.testEvents().assertStatistics(s -> s.succeeded(tests).failed(0).aborted(0).skipped(0));
    }

    // ---- where the annotation may sit ----

    @RefCheck(schema = "classpath:db/shop.sql")
    abstract static class AnnotatedBase {
    }

    static class SubclassTestCase extends AnnotatedBase {
        @Test
        void test(Connection connection) throws SQLException {
            see("subclass", countries(connection));
        }
    }

    @Test
    void theAnnotationIsInheritedBySubclasses() {
        assertAllPassed(run(SubclassTestCase.class), 1);
        assertThat(SEEN).containsEntry("subclass", "DE,FR");
    }

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @RefCheck(schema = "classpath:db/shop.sql", isolation = Isolation.CLEAN)
    @interface MyDbTest {
    }

    @MyDbTest
    static class ComposedTestCase {
        @Test
        void test(TestDatabase database) throws SQLException {
            see("isolation", database.isolation());
            see("composed", countries(database.connection()));
        }
    }

    @Test
    void theAnnotationWorksInsideAComposedAnnotation() {
        assertAllPassed(run(ComposedTestCase.class), 1);
        assertThat(SEEN).containsEntry("isolation", Isolation.CLEAN).containsEntry("composed", "DE,FR");
    }

    @RefCheck(schema = "classpath:db/shop.sql")
    static class OuterTestCase {
        @RefCheck.Inject
        TestDatabase outerField;

        @Test
        void outer(TestDatabase database) {
            see("outer", database.isolation());
        }

        @Nested
        class Inner {
            @Test
            void inner(TestDatabase database, Connection connection) throws SQLException {
                see("inner", countries(connection));
                see("innerSeesOuterField", outerField == database);
            }

            @Nested
            @RefCheck(schema = "classpath:schema/pg_dump_style.sql", isolation = Isolation.FRESH)
            class Deeper {
                @Test
                void deeper(TestDatabase database, Connection connection) throws SQLException {
                    see("deeperIsolation", database.isolation());
                    see("deeper", rows(connection, "SELECT count(*) FROM public.\"odd;name\""));
                }
            }
        }
    }

    @Test
    void nestedClassesTakeTheEnclosingAnnotationOrTheirOwn() {
        assertAllPassed(run(OuterTestCase.class), 3);
        assertThat(SEEN).containsEntry("outer", Isolation.TRANSACTION)
                .containsEntry("inner", "DE,FR")
                .containsEntry("innerSeesOuterField", true)
                .containsEntry("deeperIsolation", Isolation.FRESH)
                .containsEntry("deeper", "3");
    }

    // ---- injection ----

    @RefCheck(schema = "classpath:db/shop.sql")
    static class ParametersTestCase {
        @Test
        void test(Connection connection, DataSource dataSource, TestDatabase database) throws SQLException {
            try (Connection other = dataSource.getConnection()) {
                see("same", rows(connection, "SELECT current_database()")
                        + "," + rows(other, "SELECT current_database()") + "," + database.name());
            }
            see("connectionIsTheDatabases", connection == database.connection());
        }
    }

    @Test
    void methodParametersAllReachTheTestsDatabase() {
        assertAllPassed(run(ParametersTestCase.class), 1);
        String[] names = ((String) SEEN.get("same")).split(",");
        assertThat(names).hasSize(3).containsOnly(names[2]);
        assertThat(SEEN).containsEntry("connectionIsTheDatabases", true);
    }

    static class FieldsBase {
        @RefCheck.Inject
        DataSource inheritedDataSource;
    }

    @RefCheck(schema = "classpath:db/shop.sql")
    static class ConstructorAndFieldsTestCase extends FieldsBase {
        private final TestDatabase fromConstructor;

        @RefCheck.Inject
        private Connection connection;

        @RefCheck.Inject
        TestDatabase database;

        ConstructorAndFieldsTestCase(TestDatabase fromConstructor) {
            this.fromConstructor = fromConstructor;
        }

        @Test
        void first(TestDatabase parameter) throws SQLException {
            record("first", parameter);
        }

        @Test
        void second(TestDatabase parameter) throws SQLException {
            record("second", parameter);
        }

        private void record(String test, TestDatabase parameter) throws SQLException {
            see(test, fromConstructor == parameter && database == parameter
                    && connection == parameter.connection() && inheritedDataSource == parameter.dataSource());
            // each test is its own session: what the first wrote is gone
            try (var statement = connection.createStatement()) {
                statement.execute("INSERT INTO country VALUES ('X" + Character.toUpperCase(test.charAt(0)) + "', '" + test + "')");
            }
            see(test + "Rows", countries(connection));
        }
    }

    @Test
    void constructorParametersAndFieldsAreTheCurrentTestsDatabase() {
        assertAllPassed(run(ConstructorAndFieldsTestCase.class), 2);
        assertThat(SEEN).containsEntry("first", true).containsEntry("second", true)
                .containsEntry("firstRows", "DE,FR,XF").containsEntry("secondRows", "DE,FR,XS");
    }

    @RefCheck(schema = "classpath:db/shop.sql")
    static class LifecycleMethodsTestCase {
        private TestDatabase fromBeforeEach;

        @BeforeEach
        void arrange(TestDatabase database, Connection connection) throws SQLException {
            fromBeforeEach = database;
            connection.createStatement().execute("INSERT INTO country VALUES ('IT', 'Italy')");
        }

        @Test
        void test(TestDatabase database, Connection connection) throws SQLException {
            see("sameSession", fromBeforeEach == database);
            see("arranged", countries(connection));
        }

        @org.junit.jupiter.api.AfterEach
        void check(Connection connection) throws SQLException {
            see("afterEach", countries(connection));
        }
    }

    @Test
    void beforeEachAndAfterEachMethodsShareTheTestsDatabase() {
        assertAllPassed(run(LifecycleMethodsTestCase.class), 1);
        assertThat(SEEN).containsEntry("sameSession", true).containsEntry("arranged", "DE,FR,IT")
                .containsEntry("afterEach", "DE,FR,IT");
    }

    @RefCheck(schema = "classpath:db/shop.sql")
    static class BeforeAllTestCase {
        @org.junit.jupiter.api.BeforeAll
        static void arrange(DataSource dataSource) {
        }

        @Test
        void test() {
        }
    }

    @Test
    void aBeforeAllMethodIsToldWhereToTakeTheDatabaseInstead() {
        assertThat(onlyFailure(run(BeforeAllTestCase.class)))
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessage("refcheck gives a DataSource to one test at a time; in BeforeAllTestCase.arrange(DataSource)"
                        + " there is no test yet. Take it as"
                        + " a parameter of the test or @BeforeEach method, or use isolation FRESH_PER_CLASS for a"
                        + " database shared by the whole class.");
    }

    @RefCheck(schema = "classpath:db/shop.sql")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassConstructorTestCase {
        PerClassConstructorTestCase(TestDatabase database) {
        }

        @Test
        void test() {
        }
    }

    @Test
    void aConstructorOfAPerClassInstanceIsToldWhereToTakeTheDatabaseInstead() {
        Throwable failure = onlyFailure(run(PerClassConstructorTestCase.class));

        assertThat(failure).isInstanceOf(ParameterResolutionException.class)
                .hasMessage("refcheck gives a TestDatabase to one test at a time; in"
                        + " PerClassConstructorTestCase(TestDatabase) there is no test yet. Take it as a parameter of the test or @BeforeEach method, or use isolation"
                        + " FRESH_PER_CLASS for a database shared by the whole class.");
    }

    @RefCheck(schema = "classpath:db/shop.sql")
    static class WrongFieldTypeTestCase {
        @RefCheck.Inject
        String database;

        @Test
        void test() {
        }
    }

    @RefCheck(schema = "classpath:db/shop.sql")
    static class StaticFieldTestCase {
        @RefCheck.Inject
        static DataSource dataSource;

        @Test
        void test() {
        }
    }

    @Test
    void aFieldThatCannotTakeTheDatabaseIsAConfigurationError() {
        assertThat(onlyFailure(run(WrongFieldTypeTestCase.class)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("[@RefCheck.Inject] field WrongFieldTypeTestCase.database must be a non-static, non-final"
                        + " field of type DataSource, Connection or TestDatabase, but is String");
        assertThat(onlyFailure(run(StaticFieldTestCase.class)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("[@RefCheck.Inject] field StaticFieldTestCase.dataSource must be a non-static, non-final"
                        + " field of type DataSource, Connection or TestDatabase, but is static DataSource");
    }

    // ---- configuration ----

    @RefCheck(schema = "classpath:db/shop.sql")
    static class ConfiguredTestCase {
        @Test
        void test(TestDatabase database) {
            see("isolation", database.isolation());
        }
    }

    @RefCheck(schema = "classpath:db/shop.sql", isolation = Isolation.TRANSACTION)
    static class AnnotatedIsolationTestCase {
        @Test
        void test(TestDatabase database) {
            see("isolation", database.isolation());
        }
    }

    @RefCheck
    static class SchemaFromConfigurationTestCase {
        @Test
        void test(Connection connection) throws SQLException {
            see("tables", rows(connection, "SELECT string_agg(tablename, ' ' ORDER BY tablename) FROM pg_tables"
                    + " WHERE schemaname = 'public'"));
        }
    }

    @Test
    void schemaAndMigrationsCanComeFromTheConfiguration() {
        assertAllPassed(run(Map.of("refcheck.schema", "classpath:db/shop.sql, classpath:schema/pg_dump_style.sql",
                "refcheck.migrations", "classpath:db/migration-test"), SchemaFromConfigurationTestCase.class), 1);
        assertThat(SEEN).containsEntry("tables",
                "author book country customer flyway_schema_history odd;name order order_line");

        assertAllPassed(run(SchemaFromConfigurationTestCase.class), 1);
        assertThat(SEEN).containsEntry("tables", "null"); // no schema: an empty database
    }

    @Test
    void aBadProviderNamesTheKeyTheAllowedValuesAndWhereTheValueCameFrom() {
        Throwable failure = onlyFailure(run(Map.of("refcheck.provider", "docker"), ConfiguredTestCase.class));

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("[refcheck.provider] must be one of auto, container, embedded, external, but was 'docker'"
                        + " (from configuration parameter refcheck.provider)");
    }

    @Test
    void aBadIsolationFromASystemPropertySaysSo() {
        String failure = withSystemProperty("refcheck.isolation", "rollback",
                () -> onlyFailure(run(ConfiguredTestCase.class))).getMessage();

        assertThat(failure).isEqualTo("[refcheck.isolation] must be one of transaction, clean, fresh,"
                + " fresh_per_class, but was 'rollback' (from system property refcheck.isolation)");
    }

    @Test
    void anExternalProviderNeedsAPostgresqlUrl() {
        assertThat(onlyFailure(run(Map.of("refcheck.provider", "external"), ConfiguredTestCase.class)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("[refcheck.external.url] must be set when refcheck.provider is external, for example"
                        + " -Drefcheck.external.url=jdbc:postgresql://localhost:5432/postgres");
        assertThat(onlyFailure(run(Map.of("refcheck.provider", "external", "refcheck.external.url",
                "jdbc:mysql://db:3306/app?user=me&password=s3cret"), ConfiguredTestCase.class)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("[refcheck.external.url] must be a PostgreSQL JDBC URL starting with jdbc:postgresql://,"
                        + " but was 'jdbc:mysql://db:3306/app?user=me&password=***'");
    }

    @Test
    void precedenceIsAnnotationThenSystemPropertyThenConfigurationParameter() {
        Map<String, String> properties = Map.of("refcheck.isolation", "clean");

        assertAllPassed(run(properties, ConfiguredTestCase.class), 1);
        assertThat(SEEN).containsEntry("isolation", Isolation.CLEAN);

        withSystemProperty("refcheck.isolation", "fresh-per-class", () -> {
            assertAllPassed(run(properties, ConfiguredTestCase.class), 1);
            assertThat(SEEN).containsEntry("isolation", Isolation.FRESH_PER_CLASS);
            assertAllPassed(run(properties, AnnotatedIsolationTestCase.class), 1);
            assertThat(SEEN).containsEntry("isolation", Isolation.TRANSACTION);
            return null;
        });
        // a blank value counts as unset
        withSystemProperty("refcheck.isolation", " ", () -> {
            assertAllPassed(run(properties, ConfiguredTestCase.class), 1);
            assertThat(SEEN).containsEntry("isolation", Isolation.CLEAN);
            return null;
        });
    }

    static <T> T withSystemProperty(String key, String value, java.util.function.Supplier<T> action) {
        String previous = System.getProperty(key);
        System.setProperty(key, value);
        try {
            return action.get();
        } finally {
            if (previous == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, previous);
            }
        }
    }

    // ---- sharing ----

    @RefCheck(schema = "classpath:db/shop.sql")
    static class ShopTestCase {
        @Test
        void test(TestDatabase database, Connection connection) throws SQLException {
            see("shop", database);
            see("shopTables", rows(connection, "SELECT string_agg(tablename, ' ' ORDER BY tablename) FROM pg_tables"
                    + " WHERE schemaname = 'public'"));
            see("shopServer", rows(connection, "SELECT inet_server_port()::text || ':' || pg_backend_pid() * 0"));
        }
    }

    @RefCheck(schema = "classpath:schema/pg_dump_style.sql")
    static class OtherSchemaTestCase {
        @Test
        void test(TestDatabase database, Connection connection) throws SQLException {
            see("other", database);
            see("otherTables", rows(connection, "SELECT string_agg(tablename, ' ' ORDER BY tablename) FROM pg_tables"
                    + " WHERE schemaname = 'public'"));
            see("otherServer", rows(connection, "SELECT inet_server_port()::text || ':' || pg_backend_pid() * 0"));
        }
    }

    @Test
    void classesWithDifferentSchemasShareTheServerButNeverADatabase() {
        assertAllPassed(run(ShopTestCase.class, OtherSchemaTestCase.class), 2);

        TestDatabase shop = (TestDatabase) SEEN.get("shop");
        TestDatabase other = (TestDatabase) SEEN.get("other");
        assertThat(SEEN.get("shopServer")).isEqualTo(SEEN.get("otherServer"));
        assertThat(shop.name()).isNotEqualTo(other.name());
        assertThat(SEEN).containsEntry("shopTables", "country customer order order_line")
                .containsEntry("otherTables", "odd;name");
        assertThat(List.of(shop.jdbcUrl(), other.jdbcUrl())).allSatisfy(url -> assertThat(url)
                .startsWith(shop.jdbcUrl().substring(0, shop.jdbcUrl().lastIndexOf('/'))));
    }
}
