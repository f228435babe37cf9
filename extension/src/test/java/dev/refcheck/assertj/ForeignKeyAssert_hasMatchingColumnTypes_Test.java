package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKey;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import org.junit.jupiter.api.Test;

@RefCheck(schema = "classpath:db/actions.sql")
class ForeignKeyAssert_hasMatchingColumnTypes_Test {

    @Test
    void passes_for_the_same_types(TestDatabase database) {
        assertThatForeignKey(database, "cascades_parent_fk").hasMatchingColumnTypes();
        assertThatForeignKey(database, "composite_parent_fk").hasMatchingColumnTypes();
    }

    @Test
    void fails_for_bigint_pointing_at_integer(TestDatabase database) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKey(database,
                        "wide_parent_fk").hasMatchingColumnTypes())
                .withMessage(String.format("%n"
                        + "Expecting%n"
                        + "  wide_parent_fk: public.wide(parent_id) -> public.parent(id)"
                        + " ON DELETE NO ACTION ON UPDATE NO ACTION%n"
                        + "to have the same column types on both sides%n"
                        + "but wide.parent_id is bigint but parent.id is integer%n"
                        + "Mismatched types cost casts in every check and let values in that the parent cannot"
                        + " hold."));
    }
}
