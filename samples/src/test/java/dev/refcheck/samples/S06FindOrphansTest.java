package dev.refcheck.samples;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKey;
import static dev.refcheck.samples.Jdbc.column;
import static dev.refcheck.samples.Jdbc.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * In production: comments point at posts that were deleted years ago, because the FK was never declared. Before
 * declaring it you must find those orphans (an anti-join: children with no matching parent, ignoring null keys,
 * which point at nothing on purpose) and decide what to do with them. refcheck's orphan audit is that anti-join,
 * written for every FK of the schema.
 */
@DisplayName("06. Find orphans with an anti-join and clean them up")
@RefCheck(schema = "classpath:samples/find-orphans.sql")
class S06FindOrphansTest {

    // refcheck: orphan audit replaces this
    private static final String ORPHANS = """
            SELECT c.id FROM comment c
            WHERE c.post_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM post p WHERE p.id = c.post_id)
            ORDER BY c.id""";

    @Test
    void theAntiJoinFindsTheOrphansButNotTheNullKeys(Connection connection) throws SQLException {
        assertThat(column(connection, ORPHANS)).containsExactly("12", "14");
    }

    @Test
    void movingTheOrphansAsideLetsTheForeignKeyBeDeclared(Connection connection, TestDatabase database)
            throws SQLException {
        execute(connection, """
                WITH gone AS (
                    DELETE FROM comment c WHERE c.post_id IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM post p WHERE p.id = c.post_id)
                    RETURNING c.*)
                INSERT INTO orphaned_comment SELECT * FROM gone""");

        assertThat(column(connection, ORPHANS)).isEmpty();
        assertThat(column(connection, "SELECT id FROM orphaned_comment ORDER BY id")).containsExactly("12", "14");

        execute(connection, "ALTER TABLE comment ADD CONSTRAINT comment_post_fk FOREIGN KEY (post_id) REFERENCES post");
        assertThatForeignKey(database, "comment", "post").references("post", "id").isValidated();
    }
}
