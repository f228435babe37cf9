package dev.refcheck.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.postgres.Isolation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * CLEAN as superuser restores under session_replication_role = replica, so a touched parent's seeded children
 * need not be rebuilt: they stay as they were (same row versions) and still reference existing rows. A child
 * changed through ON DELETE CASCADE counts as touched and comes back.
 */
@RefCheck(schema = "classpath:db/seeded-family.sql", isolation = Isolation.CLEAN)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CleanTouchedTablesTest {

    private static final String MEMBERS = "SELECT id || ':' || family_id || ':' || name FROM member ORDER BY id";
    private static final String FAMILIES = "SELECT id || ':' || name FROM family ORDER BY id";
    private static String memberVersions;

    @Test
    @Order(1)
    void aTestChangesOnlyTheParentTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            memberVersions = rows(statement, "SELECT xmin::text FROM member ORDER BY id");
            statement.execute("UPDATE family SET name = 'Verdi' WHERE id = 1");
            statement.execute("INSERT INTO family VALUES (3, 'Neri')");
        }
    }

    @Test
    @Order(2)
    void theParentComesBackAndItsUntouchedChildrenAreNotRewritten(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            assertThat(rows(statement, FAMILIES)).isEqualTo("1:Rossi,2:Bianchi");
            assertThat(rows(statement, MEMBERS)).isEqualTo("10:1:Ada,11:2:Bea");
            assertThat(rows(statement, "SELECT xmin::text FROM member ORDER BY id"))
                    .as("member was not touched, so CLEAN should not have deleted and re-inserted its rows")
                    .isEqualTo(memberVersions);
            assertThat(rows(statement, "SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()"))
                    .as("a backend kept across tests (DISCARD ALL) must still say it is refcheck's").isEqualTo("refcheck");
            assertThat(rows(statement, "SELECT count(*) FROM member m WHERE NOT EXISTS"
                    + " (SELECT 1 FROM family f WHERE f.id = m.family_id)")).isEqualTo("0");
        }
    }

    @Test
    @Order(3)
    void aTestDeletesAParentAndItsChildrenGoWithIt(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM family WHERE id = 2");
            assertThat(rows(statement, MEMBERS)).isEqualTo("10:1:Ada");
        }
    }

    @Test
    @Order(4)
    void theCascadedChildrenComeBackToo(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            assertThat(rows(statement, FAMILIES)).isEqualTo("1:Rossi,2:Bianchi");
            assertThat(rows(statement, MEMBERS)).isEqualTo("10:1:Ada,11:2:Bea");
        }
    }

    private static String rows(Statement statement, String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                out.append(out.length() == 0 ? "" : ",").append(rows.getString(1));
            }
        }
        return out.toString();
    }
}
