package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import dev.refcheck.schema.TableRef;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

@RefCheck(schema = "classpath:db/actions.sql")
class ForeignKeyViolationAssert_hasReferencingTable_Test {

    @Test
    void passes_for_the_child_of_an_insert(Connection connection) {
        assertThatForeignKeyViolation(() -> Db.exec(connection, "INSERT INTO restricts VALUES (1, 99)"))
                .hasReferencingTable("restricts").hasReferencingTable("public.restricts");
    }

    @Test
    void passes_for_the_child_when_the_parent_was_deleted(Connection connection) {
        // WHEN the statement changes parent, PostgreSQL still reports the child
        assertThatForeignKeyViolation(() -> Db.exec(connection, "DELETE FROM parent WHERE id = 4"))
                .hasReferencingTable("restricts");
    }

    @Test
    void passes_for_the_partition_reported_and_for_the_partitioned_table_the_foreign_key_is_declared_on(
            Connection connection) throws Exception {
        // GIVEN the FK is declared once on the partitioned table; PostgreSQL reports the partition whose clone fired
        Db.exec(connection, "CREATE TABLE event (id int, parent_id int NOT NULL, at date NOT NULL,"
                        + " CONSTRAINT event_parent_fk FOREIGN KEY (parent_id) REFERENCES parent) PARTITION BY RANGE (at)",
                "CREATE TABLE event_2024 PARTITION OF event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
        // THEN
        assertThatForeignKeyViolation(() -> Db.exec(connection, "INSERT INTO event VALUES (1, 99, '2024-05-01')"))
                .using(connection).hasReferencingTable("event_2024").hasReferencingTable("public.event")
                .isViolationOf(Catalogs.read(connection).find(TableRef.of("event"),
                        "event_parent_fk").orElseThrow());
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKeyViolation(
                        () -> Db.exec(connection, "INSERT INTO event VALUES (1, 99, '2024-05-01')"))
                        .using(connection).hasReferencingTable("parent"))
                .withMessageStartingWith(String.format("%n"
                        + "Expecting the foreign key violation to have referencing table:%n"
                        + "  parent%n"
                        + "but was:%n"
                        + "  public.event_2024, a partition of public.event%n"));
    }

    @Test
    void fails_for_the_deleted_parent_and_says_why(Connection connection, TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKeyViolation(
                        () -> Db.exec(connection, "DELETE FROM parent WHERE id = 4"))
                        .using(database).hasReferencingTable("parent"))
                .withMessage(String.format("%n"
                        + "Expecting the foreign key violation to have referencing table:%n"
                        + "  parent%n"
                        + "but was:%n"
                        + "  public.restricts%n"
                        + "PostgreSQL reports the referencing (child) table even when the statement deleted or"
                        + " updated the parent; parent is the referenced table here: use"
                        + " hasReferencedTable(\"parent\").%n"
                        + "Violation:%n"
                        + "  constraint:        restricts_parent_fk%n"
                        + "  referencing table: public.restricts(parent_id)%n"
                        + "  referenced table:  public.parent(id)%n"
                        + "  key:               (id)=(4)%n"
                        + "  kind:              a referenced parent row was deleted or its key changed%n"
                        + "PostgreSQL said:%n"
                        + "  update or delete on table \"parent\" violates foreign key constraint"
                        + " \"restricts_parent_fk\" on table \"restricts\" / Key (id)=(4) is still referenced from"
                        + " table \"restricts\"."));
    }

    @Test
    void says_why_for_the_deleted_parent_without_a_catalog_too(Connection connection) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKeyViolation(
                        () -> Db.exec(connection, "UPDATE parent SET id = 40 WHERE id = 4"))
                        .hasReferencingTable("parent"))
                .withMessageContaining(String.format("but was:%n"
                        + "  public.restricts%n"
                        + "PostgreSQL reports the referencing (child) table even when the statement deleted or"
                        + " updated the parent; parent is the referenced table here: use"
                        + " hasReferencedTable(\"parent\").%n"));
    }
}
