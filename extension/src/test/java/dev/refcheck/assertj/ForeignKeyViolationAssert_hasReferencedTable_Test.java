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

    @Test
    void falls_back_to_the_message_when_the_catalog_has_no_such_foreign_key_and_says_so(Connection connection)
            throws Exception {
        // GIVEN an orphan, so that adding the FK back fails and the FK it reports is not in the catalog
        Db.exec(connection, "ALTER TABLE wide DROP CONSTRAINT wide_parent_fk", "INSERT INTO wide VALUES (11, 99)");
        // THEN
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKeyViolation(
                        () -> Db.exec(connection, "ALTER TABLE wide ADD CONSTRAINT wide_parent_fk FOREIGN KEY"
                                + " (parent_id) REFERENCES parent"))
                        .using(connection).hasReferencedTable("parent").hasReferencedTable("other"))
                .withMessageContaining(String.format("%n"
                        + "  referenced table:  parent (from the message: the catalog has no such FK now, e.g. after"
                        + " a failed ADD CONSTRAINT)%n"));
    }

    @Test
    void passes_from_the_catalog_for_a_foreign_key_declared_on_a_partitioned_table(Connection connection)
            throws Exception {
        // GIVEN the FK is declared once on the partitioned table; the partition's clone is what fires
        Db.exec(connection, "CREATE TABLE event (id int, parent_id int NOT NULL, at date NOT NULL,"
                        + " CONSTRAINT event_parent_fk FOREIGN KEY (parent_id) REFERENCES parent) PARTITION BY RANGE (at)",
                "CREATE TABLE event_2024 PARTITION OF event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
        // THEN
        assertThatForeignKeyViolation(() -> Db.exec(connection, "INSERT INTO event VALUES (1, 99, '2024-05-01')"))
                .using(connection).hasConstraint("event_parent_fk").hasReferencingTable("event_2024")
                .hasReferencedTable("public.parent");
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKeyViolation(
                        () -> Db.exec(connection, "INSERT INTO event VALUES (1, 99, '2024-05-01')"))
                        .using(connection).hasReferencedTable("event"))
                .withMessageContaining(String.format("  referencing table: public.event_2024(parent_id), a partition"
                        + " of public.event (where the FK is declared)%n"
                        + "  referenced table:  public.parent(id)%n"));
    }
}
