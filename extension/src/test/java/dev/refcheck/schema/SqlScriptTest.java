package dev.refcheck.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How scripts are split: as psql would, so pg_dump output and hand-written files both work. */
class SqlScriptTest {

    static String resource(String path) throws IOException {
        try (InputStream in = SqlScriptTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> firstWords(List<SqlScript.Statement> statements) {
        return statements.stream().map(s -> s.sql().strip().split("\\s+", 2)[0]).toList();
    }

    @Test
    void splitsAPgDumpStyleFileAtTheSemicolonsPsqlWouldSee() throws IOException {
        List<SqlScript.Statement> statements = SqlScript.parse("pg_dump_style.sql",
                resource("schema/pg_dump_style.sql"));

        assertThat(firstWords(statements)).containsExactly("SET", "SET", "SET", "SELECT", "SET", "CREATE", "CREATE",
                "CREATE", "COPY", "INSERT");
        assertThat(statements).extracting(SqlScript.Statement::line)
                .containsExactly(6, 7, 8, 9, 10, 14, 21, 30, 36, 41);
        assertThat(statements.get(5).sql()).contains("\"semi;colon\" text", "E'it\\'s; escaped\\\\'")
                .endsWith(")");
        assertThat(statements.get(6).sql()).contains("$inner$SELECT 'a;b'$inner$;", "$$nested; $ dollar$$")
                .endsWith("$outer$");
        assertThat(statements.get(7).sql()).contains("BEGIN ATOMIC", "'positive;' ELSE 'other;' END;")
                .endsWith("END");
    }

    @Test
    void keepsCopyDataVerbatimWithTabsAndNulls() throws IOException {
        SqlScript.Statement copy = SqlScript.parse("pg_dump_style.sql", resource("schema/pg_dump_style.sql")).get(8);

        assertThat(copy.sql()).isEqualTo("COPY public.\"odd;name\" (id, \"semi;colon\", note) FROM stdin");
        assertThat(copy.copyData()).isEqualTo("1\ta;b\t\\N\n2\ttab\\there\tline; with semicolon\n");
    }

    @Test
    void runsALastStatementThatHasNoSemicolon() {
        List<SqlScript.Statement> statements = SqlScript.parse("t.sql", "CREATE TABLE a (id int);\n\nCREATE TABLE b (id int)\n");

        assertThat(statements).extracting(s -> s.sql().strip(), SqlScript.Statement::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CREATE TABLE a (id int)", 1),
                        org.assertj.core.groups.Tuple.tuple("CREATE TABLE b (id int)", 3));
    }

    @Test
    void ignoresCommentsAndEmptyStatements() {
        List<SqlScript.Statement> statements = SqlScript.parse("t.sql",
                "-- only a comment;\n;;\n/* a; /* b; */ c; */\nSELECT 1 -- trailing; comment\n;\n-- the end");

        assertThat(statements).singleElement().satisfies(s -> {
            assertThat(s.sql()).isEqualTo("SELECT 1 -- trailing; comment\n");
            assertThat(s.line()).isEqualTo(4);
        });
    }

    @Test
    void positionalParametersAndDollarsInsideNamesAreNotDollarQuotes() {
        List<SqlScript.Statement> statements = SqlScript.parse("t.sql",
                "PREPARE p AS SELECT $1::int + $2;\nCREATE TABLE a$b$ (c$ int);\nEXECUTE p(1, 2);");

        assertThat(firstWords(statements)).containsExactly("PREPARE", "CREATE", "EXECUTE");
    }

    @Test
    void anEOnlyStartsAnEscapeStringWhenItIsAPrefix() {
        // in "type'...'" the e ends a word: a standard string, where a backslash escapes nothing
        List<SqlScript.Statement> statements = SqlScript.parse("t.sql",
                "SELECT type'C:\\';\nSELECT e'\\';';\nSELECT N'x';");

        assertThat(statements).extracting(SqlScript.Statement::sql)
                .containsExactly("SELECT type'C:\\'", "SELECT e'\\';'", "SELECT N'x'");
    }

    @Test
    void followsStandardConformingStringsLikePsql() {
        // an 8.x dump: with the setting off, a backslash escapes the quote inside a plain string
        List<SqlScript.Statement> statements = SqlScript.parse("old.sql", "SET standard_conforming_strings = off;\n"
                + "INSERT INTO t VALUES ('it\\'s; one');\nSET standard_conforming_strings TO 'on';\n"
                + "INSERT INTO t VALUES ('C:\\');\nSELECT 1;");

        assertThat(statements).extracting(SqlScript.Statement::sql).containsExactly(
                "SET standard_conforming_strings = off", "INSERT INTO t VALUES ('it\\'s; one')",
                "SET standard_conforming_strings TO 'on'", "INSERT INTO t VALUES ('C:\\')", "SELECT 1");
    }

    @Test
    void understandsWindowsLineEndingsAndAByteOrderMark() {
        List<SqlScript.Statement> statements = SqlScript.parse("t.sql",
                "\uFEFFCREATE TABLE t (a int, b text);\r\nCOPY t FROM stdin;\r\n1\tx\r\n\\.\r\nSELECT 1;\r\n");

        assertThat(firstWords(statements)).containsExactly("CREATE", "COPY", "SELECT");
        assertThat(statements.get(1).copyData()).isEqualTo("1\tx\r\n");
        assertThat(statements.get(2).line()).isEqualTo(5);
    }

    @Test
    void mapsAPositionInAStatementToItsLineInTheFile() {
        SqlScript.Statement statement = SqlScript.parse("t.sql", "\n\nSELECT 1,\n  2,\n  nope;").get(0);

        assertThat(statement.lineOf(statement.sql().indexOf("nope") + 1)).isEqualTo(5);
        assertThat(statement.lineOf(1)).isEqualTo(3);
    }

    @Test
    void reportsAnUnterminatedStringWithItsLine() {
        assertThatThrownBy(() -> SqlScript.parse("broken.sql", "SELECT 1;\nINSERT INTO t VALUES ('open;\n);\n"))
                .isInstanceOf(SchemaException.class)
                .hasMessage("Schema script broken.sql, line 2: unterminated string literal starting on line 2;"
                        + " close it with '\n  statement: INSERT INTO t VALUES ('open;");
    }

    @Test
    void reportsAnUnterminatedQuotedIdentifier() {
        assertThatThrownBy(() -> SqlScript.parse("broken.sql", "CREATE TABLE \"t;\n(id int);"))
                .hasMessageStartingWith("Schema script broken.sql, line 1: unterminated quoted identifier starting on"
                        + " line 1; close it with \"");
    }

    @Test
    void reportsAnUnterminatedDollarQuoteWithItsTag() {
        assertThatThrownBy(() -> SqlScript.parse("broken.sql",
                "SELECT 1;\n\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$\nSELECT 1;\n$bod$;\n"))
                .isInstanceOf(SchemaException.class)
                .hasMessage("Schema script broken.sql, line 3: unterminated dollar-quoted string $body$ starting on"
                        + " line 3; close it with $body$\n"
                        + "  statement: CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$");
    }

    @Test
    void reportsAnUnterminatedNestedComment() {
        assertThatThrownBy(() -> SqlScript.parse("broken.sql", "SELECT 1;\n/* outer /* inner */ still open\n"))
                .hasMessageStartingWith("Schema script broken.sql, line 2: unterminated /* comment starting on line 2;"
                        + " close it with */");
    }

    @Test
    void reportsACopyBlockWithoutItsEndMarker() {
        assertThatThrownBy(() -> SqlScript.parse("dump.sql", "SELECT 1;\nCOPY t (a) FROM stdin;\n1\n2\n"))
                .isInstanceOf(SchemaException.class)
                .hasMessage("Schema script dump.sql, line 2: COPY ... FROM stdin has no end-of-data line (a line"
                        + " holding only \\.); add it after the last row\n  statement: COPY t (a) FROM stdin")
                .extracting(e -> ((SchemaException) e).line()).isEqualTo(2);
    }

    @Test
    void refusesPsqlMetaCommandsOtherThanRestrict() {
        assertThatThrownBy(() -> SqlScript.parse("dump.sql", "SELECT 1;\n\\connect other\nSELECT 2;"))
                .isInstanceOf(SchemaException.class)
                .hasMessage("Schema script dump.sql, line 2: psql meta-command \\connect is not SQL and cannot be run"
                        + " by refcheck; remove it from the script (or run the script's SQL part only)\n"
                        + "  statement: \\connect other");
    }
}
