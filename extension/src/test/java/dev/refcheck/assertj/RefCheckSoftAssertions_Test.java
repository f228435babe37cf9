package dev.refcheck.assertj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

@RefCheck(schema = "classpath:db/actions.sql")
class RefCheckSoftAssertions_Test {

    /** Mixes AssertJ's own soft assertions and refcheck's in one object. */
    static class Softly extends SoftAssertions implements RefCheckSoftAssertionsProvider {
    }

    @Test
    void collects_every_failure_before_reporting(Connection connection) {
        // GIVEN
        RefCheckSoftAssertions softly = new RefCheckSoftAssertions();
        // WHEN
        softly.assertThatForeignKeyViolation(() -> Db.exec(connection, "INSERT INTO no_actions VALUES (1, 99)"))
                .hasConstraint("wrong_fk")
                .hasKeyValues(98)
                .isMissingParent();
        softly.assertThatForeignKeyViolation(() -> Db.exec(connection, "INSERT INTO no_actions VALUES (2, 5)"))
                .isForeignKeyViolation();
        // THEN
        assertThat(softly.errorsCollected()).hasSize(3);
        assertThatExceptionOfType(AssertionError.class).isThrownBy(softly::assertAll)
                .withMessageContaining("Multiple Failures (3 failures)")
                .withMessageContaining("to have constraint:")
                .withMessageContaining("to have key values:")
                .withMessageContaining("but it raised nothing");
    }

    @Test
    void works_next_to_assertj_soft_assertions(Connection connection) {
        Softly softly = new Softly();
        softly.assertThat(1).isEqualTo(2);
        softly.assertThatForeignKeyViolation(() -> Db.exec(connection, "INSERT INTO no_actions VALUES (1, 99)"))
                .hasConstraint("no_actions_parent_fk");
        assertThat(softly.errorsCollected()).hasSize(1);
    }

    @Test
    void passes_through_assertSoftly(Connection connection) {
        RefCheckSoftAssertions.assertSoftly(softly -> softly.assertThatForeignKeyViolation(
                () -> Db.exec(connection, "INSERT INTO no_actions VALUES (1, 99)")).isMissingParent());
    }

    @Test
    void collects_foreign_key_action_and_schema_failures(TestDatabase database) {
        // GIVEN
        RefCheckSoftAssertions softly = new RefCheckSoftAssertions();
        // WHEN
        softly.assertThatForeignKey(database, "no_actions_parent_fk").isDeferrable().isValidated();
        softly.assertThatParentDeleted(database, "cascades_parent_fk", 1).setsNull();
        softly.assertThatParentKeyUpdated(database, "cascades_parent_fk", 1, 100).cascades();
        softly.assertThatParentKeyUpdated(database, "composite_parent_fk", List.of("eu", "c7"), List.of("us", "c7"))
                .cascades();
        softly.assertThatSchema(database).hasForeignKey("parent", "cascades");
        // THEN
        assertThat(softly.errorsCollected()).hasSize(3);
        assertThatExceptionOfType(AssertionError.class).isThrownBy(softly::assertAll)
                .withMessageContaining("to be DEFERRABLE")
                .withMessageContaining("cascaded: deleted 2 rows of public.cascades")
                .withMessageContaining("to have parent -> cascades");
    }
}
