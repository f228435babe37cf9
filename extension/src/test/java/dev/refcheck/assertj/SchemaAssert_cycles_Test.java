package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatSchema;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** hasNoForeignKeyCycles, hasOnlyBreakableCycles, hasOnlyLoadableCycles. */
class SchemaAssert_cycles_Test {

    static final String NOT_NULL_CYCLE = "CREATE TABLE a (id int PRIMARY KEY, b_id int NOT NULL);"
            + " CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL CONSTRAINT b_a_fk REFERENCES a);"
            + " ALTER TABLE a ADD CONSTRAINT a_b_fk FOREIGN KEY (b_id) REFERENCES b";

    @Nested
    @RefCheck(schema = "classpath:db/shop.sql")
    class Shop {

        @Test
        void passes_without_cycles(TestDatabase database) {
            assertThatSchema(database).hasNoForeignKeyCycles().hasOnlyBreakableCycles().hasOnlyLoadableCycles();
        }

        @Test
        void passes_loadable_for_a_not_null_cycle_that_one_statement_can_write(Connection connection)
                throws SQLException {
            // GIVEN
            Db.exec(connection, NOT_NULL_CYCLE);
            // THEN the claim holds: one statement loads it
            Db.exec(connection, "WITH x AS (INSERT INTO a VALUES (1, 2)) INSERT INTO b VALUES (2, 1)");
            assertThatSchema(connection).hasOnlyLoadableCycles();
        }

        @Test
        void fails_breakable_for_a_not_null_cycle(Connection connection) throws SQLException {
            Db.exec(connection, NOT_NULL_CYCLE);
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThatSchema(connection).hasOnlyBreakableCycles())
                    .withMessage(String.format("%n"
                            + "Expecting%n"
                            + "  the schema's foreign keys%n"
                            + "to have only cycles broken by a deferrable or nullable foreign key%n"
                            + "but 1 cycle(s) not:%n"
                            + "  {public.a, public.b} via a_b_fk (a -> b), b_a_fk (b -> a): loadable only in one"
                            + " statement (WITH a AS (INSERT ...) INSERT ...): every FK of some loop is NOT NULL and"
                            + " NOT DEFERRABLE%n"
                            + "Fix: make one FK of each loop DEFERRABLE (ALTER TABLE ... ALTER CONSTRAINT ..."
                            + " DEFERRABLE) or one of its columns nullable."));
        }

        @Test
        void fails_loadable_when_a_table_of_the_cycle_has_rules(Connection connection) throws SQLException {
            // GIVEN a rule: data-modifying WITH refuses the table, so no one statement can write the cycle
            Db.exec(connection, NOT_NULL_CYCLE, "CREATE RULE a_log AS ON INSERT TO a DO ALSO NOTIFY a");
            // THEN
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThatSchema(connection).hasOnlyLoadableCycles())
                    .withMessageContaining(String.format("to have only loadable cycles%n"
                            + "but 1 cycle(s) not:%n"
                            + "  {public.a, public.b} via a_b_fk (a -> b), b_a_fk (b -> a): not loadable: every FK"
                            + " of some loop is NOT NULL and NOT DEFERRABLE, and a table of it has rules or is not a"
                            + " plain table, so no single statement can write it%n"));
        }

        @Test
        void passes_breakable_when_one_foreign_key_of_the_loop_is_deferrable(Connection connection)
                throws SQLException {
            Db.exec(connection, NOT_NULL_CYCLE, "ALTER TABLE a ALTER CONSTRAINT a_b_fk DEFERRABLE");
            assertThatSchema(connection).hasOnlyBreakableCycles();
        }
    }

    @Nested
    @RefCheck(schema = "classpath:corpus/chinook/schema.sql")
    class Chinook {

        @Test
        void passes_breakable_for_the_nullable_self_reference(TestDatabase database) {
            assertThatSchema(database).hasOnlyBreakableCycles();
        }

        @Test
        void fails_no_cycles_naming_the_self_reference(TestDatabase database) {
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThatSchema(database).hasNoForeignKeyCycles())
                    .withMessage(String.format("%n"
                            + "Expecting%n"
                            + "  the schema's foreign keys%n"
                            + "to have no cycles%n"
                            + "but found 1:%n"
                            + "  {public.employee} via employee_reports_to_fkey (employee -> employee): loadable"
                            + " table by table: a deferrable or nullable FK breaks every loop"));
        }
    }
}
