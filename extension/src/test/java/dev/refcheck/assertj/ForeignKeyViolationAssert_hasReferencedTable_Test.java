package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

@RefCheck(schema = "classpath:db/actions.sql")
class ForeignKeyViolationAssert_hasReferencedTable_Test {

    @Test
    void passes_from_the_catalog(Connection connection, TestDatabase database) {
        assertThatForeignKeyViolation(() -> Db.exec(connection, "INSERT INTO restricts VALUES (1, 99)"))
                .using(database).hasReferencedTable("public.parent");
    }

    @Test
    void passes_from_the_catalog_read_through_a_connection_after_a_delete(Connection connection) {
        assertThatForeignKeyViolation(() -> Db.exec(connection, "DELETE FROM parent WHERE id = 4"))
                .using(connection).hasReferencedTable("parent").hasReferencingTable("restricts");
    }

    @Test
    void passes_from_the_message_without_a_catalog(Connection connection) {
        assertThatForeignKeyViolation(() -> Db.exec(connection, "INSERT INTO restricts VALUES (1, 99)"))
                .hasReferencedTable("parent");
    }

    @Test
    void fails_for_the_child_table_and_says_so(Connection connection) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKeyViolation(
                        () -> Db.exec(connection, "INSERT INTO restricts VALUES (1, 99)"))
                        .hasReferencedTable("restricts"))
                .withMessage(String.format("%n"
                        + "Expecting the foreign key violation to have referenced table:%n"
                        + "  restricts%n"
                        + "but was:%n"
                        + "  parent%n"
                        + "restricts is the referencing (child) table of this FK: use"
                        + " hasReferencingTable(\"restricts\").%n"
                        + "Violation:%n"
                        + "  constraint:        restricts_parent_fk%n"
                        + "  referencing table: public.restricts%n"
                        + "  referenced table:  parent (from the message; using(database) gives it from the catalog)%n"
                        + "  key:               (parent_id)=(99)%n"
                        + "  kind:              a referencing row points to a missing parent%n"
                        + "PostgreSQL said:%n"
                        + "  insert or update on table \"restricts\" violates foreign key constraint"
                        + " \"restricts_parent_fk\" / Key (parent_id)=(99) is not present in table \"parent\"."));
    }
}
