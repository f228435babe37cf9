package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import dev.refcheck.schema.ForeignKey;
import dev.refcheck.schema.TableRef;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

@RefCheck(schema = "classpath:db/actions.sql")
class ForeignKeyViolationAssert_isViolationOf_Test {

    @Test
    void passes_for_the_foreign_key_from_the_catalog(Connection connection, TestDatabase database) {
        ForeignKey restricts = database.catalog().find(TableRef.of("restricts"), "restricts_parent_fk").orElseThrow();
        assertThatForeignKeyViolation(() -> Db.exec(connection, "DELETE FROM parent WHERE id = 4"))
                .isViolationOf(restricts);
    }

    @Test
    void fails_for_another_foreign_key(Connection connection, TestDatabase database) {
        ForeignKey noActions = database.catalog().find(TableRef.of("no_actions"), "no_actions_parent_fk")
                .orElseThrow();
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKeyViolation(
                        () -> Db.exec(connection, "DELETE FROM parent WHERE id = 4")).using(database)
                        .isViolationOf(noActions))
                .withMessageStartingWith(String.format("%n"
                        + "Expecting the foreign key violation to have foreign key:%n"
                        + "  no_actions_parent_fk: public.no_actions(parent_id) -> public.parent(id)%n"
                        + "but was:%n"
                        + "  restricts_parent_fk: public.restricts(parent_id) -> public.parent(id)%n"
                        + "Violation:%n"));
    }
}
