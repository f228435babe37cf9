package dev.refcheck.assertj;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKey;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

@RefCheck(schema = "classpath:db/actions.sql")
class ForeignKeyAssert_hasIndexOnReferencingColumns_Test {

    @Test
    void passes_for_an_index_leading_with_the_columns_in_any_order(TestDatabase database, Connection connection)
            throws SQLException {
        assertThatForeignKey(database, "composite_parent_fk").hasIndexOnReferencingColumns();
        // a primary key leading with the FK column counts too
        Db.exec(connection, "CREATE TABLE line (parent_id int REFERENCES parent, n int, PRIMARY KEY (parent_id, n))",
                "CREATE INDEX ON cascades (parent_id, id)");
        assertThatForeignKey(connection, "line", "parent").hasIndexOnReferencingColumns();
        assertThatForeignKey(connection, "cascades_parent_fk").hasIndexOnReferencingColumns();
    }

    @Test
    void fails_without_an_index_or_with_the_columns_not_leading(TestDatabase database, Connection connection)
            throws SQLException {
        // GIVEN an index where parent_id is not the leading column: useless for finding the referencing rows
        Db.exec(connection, "CREATE INDEX ON cascades (id, parent_id)", "CREATE INDEX ON cascades (parent_id)"
                + " WHERE parent_id > 0");
        // THEN
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatForeignKey(database,
                        "cascades_parent_fk").hasIndexOnReferencingColumns())
                .withMessage(String.format("%n"
                        + "Expecting%n"
                        + "  cascades_parent_fk: public.cascades(parent_id) -> public.parent(id)"
                        + " ON DELETE CASCADE ON UPDATE CASCADE%n"
                        + "to have an index on public.cascades (parent_id)%n"
                        + "but no valid, non-partial index leads with these columns: each delete or key change on"
                        + " public.parent scans public.cascades%n"
                        + "Fix: CREATE INDEX ON \"public\".\"cascades\" (\"parent_id\");"));
    }
}
