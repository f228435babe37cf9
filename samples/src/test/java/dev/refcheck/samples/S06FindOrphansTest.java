package dev.refcheck.samples;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatDatabase;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKey;
import static dev.refcheck.samples.Jdbc.column;
import static dev.refcheck.samples.Jdbc.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.orphans.LogicalForeignKey;
import dev.refcheck.orphans.OrphanDetector;
import dev.refcheck.orphans.Orphans;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * In production: comments point at posts that were deleted years ago, because the FK was never declared. Before
 * declaring it you must find those orphans (an anti-join: children with no matching parent, ignoring null keys,
 * which point at nothing on purpose) and decide what to do with them. refcheck's orphan audit writes that anti-join
 * for every FK, and for relations you declare that have no constraint yet.
 */
@DisplayName("06. Find orphans with an anti-join and clean them up")
@RefCheck(schema = "classpath:samples/find-orphans.sql")
class S06FindOrphansTest {

    /** The relation as the application means it; no constraint says so yet. */
    private static final String INTENDED_FK = "comment(post_id) -> post(id)";

    @Test
    void theAuditFindsTheOrphansButNotTheNullKeys(Connection connection) throws SQLException {
        Orphans orphans = audit(connection);

        assertThat(orphans.count()).isEqualTo(2);
        assertThat(column(connection, orphans.findSql())).containsExactly("12", "14"); // the anti-join, ready to run
    }

    @Test
    void movingTheOrphansAsideLetsTheForeignKeyBeDeclared(Connection connection, TestDatabase database)
            throws SQLException {
        // the report's clean-up statement, turned into a move
        execute(connection, "WITH gone AS (" + audit(connection).cleanupSql() + " RETURNING c.*)"
                + " INSERT INTO orphaned_comment SELECT * FROM gone");

        assertThatDatabase(database).withLogicalForeignKeys(INTENDED_FK).hasNoOrphans();
        assertThat(column(connection, "SELECT id FROM orphaned_comment ORDER BY id")).containsExactly("12", "14");

        execute(connection, "ALTER TABLE comment ADD CONSTRAINT comment_post_fk FOREIGN KEY (post_id) REFERENCES post");
        assertThatForeignKey(database, "comment", "post").references("post", "id").isValidated();
    }

    private static Orphans audit(Connection connection) throws SQLException {
        return OrphanDetector.read(connection, LogicalForeignKey.parse(INTENDED_FK)).audit(connection)
                .of("logical " + INTENDED_FK).orElseThrow();
    }
}
