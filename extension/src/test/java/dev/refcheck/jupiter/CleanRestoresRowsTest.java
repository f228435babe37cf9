package dev.refcheck.jupiter;

import static dev.refcheck.Queries.rows;
import static dev.refcheck.jupiter.EngineRuns.failures;
import static dev.refcheck.jupiter.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.postgres.Isolation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * CLEAN puts back only the rows a test changed, as superuser (RI checks off) and as a plain role (RI checks on,
 * every referential action firing), and falls back to rebuilding whole tables where rows cannot be put back one
 * by one. Each case compares every table, as text, and every sequence with the state before the test.
 */
class CleanRestoresRowsTest {

    private static EmbeddedPostgres plainRolesServer;

    @BeforeAll
    static void startAServerWithAPlainRole() throws Exception {
        plainRolesServer = EmbeddedPostgres.builder().start();
        try (Connection admin = plainRolesServer.getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE plain LOGIN CREATEDB NOSUPERUSER");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        plainRolesServer.close();
    }

    @Test
    void asSuperuser() {
        EngineExecutionResults results = run(RestoreTestCase.class);

        assertThat(failures(results)).isEmpty();
        results.testEvents().assertStatistics(s -> s.succeeded(6));
    }

    @Test
    void asAPlainRoleWithEveryReferentialActionFiring() {
        EngineExecutionResults results = run(plainRole(), RestoreTestCase.class);

        assertThat(failures(results)).isEmpty();
        results.testEvents().assertStatistics(s -> s.succeeded(6));
    }

    @Test
    void asAPlainRoleWhoseRestoreFiresUserTriggers() {
        EngineExecutionResults results = run(plainRole(), TriggeredTestCase.class);

        assertThat(failures(results)).isEmpty();
        results.testEvents().assertStatistics(s -> s.succeeded(3));
    }

    @Test
    void asAPlainRoleWhoseTriggersNeverStopWritingTheTestFailsAndTheNextGetsAnotherDatabase() {
        EngineExecutionResults results = run(plainRole(), PingPongTestCase.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        assertThat(failures(results)).singleElement().satisfies(f -> assertThat(f)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("refcheck could not put database refcheck_")
                .hasMessageEndingWith(" back for the next test: user triggers or rules kept changing [\"public\".\"ping\","
                        + " \"public\".\"pong\"] while refcheck restored them, 5 times. Run the tests as a superuser (refcheck"
                        + " then restores under session_replication_role = replica, where user triggers do not fire),"
                        + " or use FRESH isolation. The next test gets another database."));
    }

    private static Map<String, String> plainRole() {
        return Map.of("refcheck.provider", "external", "refcheck.external.url",
                "jdbc:postgresql://localhost:" + plainRolesServer.getPort() + "/postgres",
                "refcheck.external.user", "plain");
    }

    @RefCheck(schema = "classpath:db/restore-ping-pong.sql", isolation = Isolation.CLEAN)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PingPongTestCase {
        @Test
        @Order(1)
        void writesAPing(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO ping (note) VALUES ('first')");
            }
        }

        @Test
        @Order(2)
        void startsOnAnotherDatabaseWithNeither(Connection connection) throws SQLException {
            assertThat(rows(connection, "SELECT (SELECT count(*) FROM ping) + (SELECT count(*) FROM pong)"))
                    .isEqualTo("0");
        }
    }

    @RefCheck(schema = "classpath:db/restore-triggers.sql", isolation = Isolation.CLEAN)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class TriggeredTestCase {
        private static final String STATE = "SELECT (SELECT string_agg(f::text, ';' ORDER BY id) FROM family f)"
                + " || ' / ' || (SELECT string_agg(l::text, ';' ORDER BY id) FROM family_log l)";
        private static String before;

        @Test
        @Order(1)
        void changesARowWhoseTriggerLogsIt(Connection connection) throws SQLException {
            before = rows(connection, STATE);
            try (Statement statement = connection.createStatement()) {
                statement.execute("UPDATE family SET name = 'Verdi' WHERE id = 1");
                statement.execute("DELETE FROM family WHERE id = 2");
            }
        }

        @Test
        @Order(2)
        void findsTheRowsAndTheLogAsTheSchemaLeftThem(Connection connection) throws SQLException {
            assertThat(rows(connection, STATE)).isEqualTo(before);
        }

        @Test
        @Order(3)
        void andAgainAfterATestThatChangedNothing(Connection connection) throws SQLException {
            assertThat(rows(connection, STATE)).isEqualTo(before);
        }
    }

    @RefCheck(schema = "classpath:db/restore-rows.sql", isolation = Isolation.CLEAN)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class RestoreTestCase {

        private static final String STATE = "SELECT concat_ws(E'\\n', "
                + String.join(", ", java.util.Arrays.stream(new String[] {"artist", "album", "review", "tag",
                        "playlist", "playlist_album", "note", "rate"})
                .map(t -> "(SELECT '" + t + ": ' || coalesce(string_agg(x::text, '; ' ORDER BY x::text), '')"
                        + " FROM " + t + " x)").toList())
                + ", (SELECT string_agg(sequencename || '=' || coalesce(last_value::text, '-'), ', '"
                + " ORDER BY sequencename) FROM pg_sequences))";
        private static final String UNCHANGED_ROWS = "SELECT string_agg(xmin::text, ',' ORDER BY id) FROM artist"
                + " WHERE id IN (6, 7)";
        private static String before;
        private static String unchangedVersions;

        @Test
        @Order(1)
        void changesEveryTableInEveryWay(Connection connection) throws SQLException {
            before = rows(connection, STATE);
            unchangedVersions = rows(connection, UNCHANGED_ROWS);
            try (Statement statement = connection.createStatement()) {
                // values equality calls equal, and values without equality
                statement.execute("UPDATE artist SET span = '24 hours', price = 1.00, meta = '{\"a\":1}',"
                        + " spot = '(1,2.5)' WHERE id = 1");
                statement.execute("UPDATE artist SET id = 10 WHERE id = 1"); // ON UPDATE CASCADE into album
                statement.execute("DELETE FROM artist WHERE id = 2"); // cascades to album, tag, playlist_album
                statement.execute("INSERT INTO artist VALUES (5, 'Eve', NULL, NULL, NULL, NULL)");
                statement.execute("INSERT INTO album (artist_id, title) VALUES (5, 'five')");
                statement.execute("INSERT INTO review (album_id, body) VALUES (currval('album_id_seq'), 'new')");
                statement.execute("UPDATE album SET title = 'FOUR' WHERE id = 4");
                statement.execute("INSERT INTO playlist VALUES (2, 'new mix')");
                statement.execute("INSERT INTO playlist_album VALUES (2, 4)");
                // a parent emptied by moving its children elsewhere, then deleted (NO ACTION)
                statement.execute("UPDATE playlist_album SET playlist_id = 2 WHERE album_id = 1");
                statement.execute("DELETE FROM playlist_album WHERE playlist_id = 1");
                statement.execute("DELETE FROM playlist WHERE id = 1");
                statement.execute("INSERT INTO note VALUES (1, 'written by the test')");
                // unique names passed along: put back, 8 must go before 3 gets 'Cy' back, and 3 before 4 comes back
                statement.execute("UPDATE artist SET name = 'Zed' WHERE id = 3");
                statement.execute("INSERT INTO artist VALUES (8, 'Cy', NULL, NULL, NULL, NULL)");
                statement.execute("DELETE FROM artist WHERE id = 4");
                statement.execute("UPDATE artist SET name = 'Di' WHERE id = 3");
                statement.execute("UPDATE rate SET amount = 1.00 WHERE amount = 1"); // the key, as = sees it, stays
            }
            assertThat(rows(connection, STATE)).isNotEqualTo(before);
        }

        @Test
        @Order(2)
        void findsEveryRowBackAndTheUnchangedRowsOfAChangedTableUntouched(Connection connection)
                throws SQLException {
            assertThat(rows(connection, STATE)).isEqualTo(before);
            assertThat(rows(connection, UNCHANGED_ROWS))
                    .as("artists 6 and 7 were not changed: their row versions should have stayed (a rebuild of the"
                            + " table, the fallback, would have rewritten them)")
                    .isEqualTo(unchangedVersions);
        }

        @Test
        @Order(3)
        void leavesUniqueValuesCrossedBetweenRows(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("UPDATE artist SET name = 'swap' WHERE id = 3");
                statement.execute("UPDATE artist SET name = 'Cy' WHERE id = 4");
                statement.execute("UPDATE artist SET name = 'Di' WHERE id = 3");
                statement.execute("DELETE FROM review");
            }
            assertThat(rows(connection, "SELECT string_agg(name, ',' ORDER BY id) FROM artist"))
                    .isEqualTo("Ada,Bea,Di,Cy,Fay,Gus");
        }

        @Test
        @Order(4)
        void findsEveryRowBackThroughTheRebuiltTables(Connection connection) throws SQLException {
            assertThat(rows(connection, STATE)).isEqualTo(before);
        }

        @Test
        @Order(5)
        void changesATableWithoutAKey(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("UPDATE tag SET label = 'blues' WHERE label = 'jazz'");
                statement.execute("INSERT INTO tag VALUES (2, 'pop')");
                statement.execute("UPDATE album SET title = 'FOUR' WHERE id = 4");
            }
        }

        @Test
        @Order(6)
        void findsItsRowsBackToo(Connection connection) throws SQLException {
            assertThat(rows(connection, STATE)).isEqualTo(before);
        }
    }
}
