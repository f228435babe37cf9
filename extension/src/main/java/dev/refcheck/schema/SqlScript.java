package dev.refcheck.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL script split into statements the way psql would run it: comments, quoted strings and
 * identifiers, dollar-quoted bodies, {@code BEGIN ATOMIC ... END} function bodies and
 * {@code COPY ... FROM stdin} data blocks (as pg_dump writes them) are all understood.
 * Every statement keeps the line it starts on, so an error can point at the file.
 */
public final class SqlScript {

    /** One statement; {@code copyData} is the inline data of a {@code COPY ... FROM stdin}, else null. */
    public record Statement(String sql, int line, String copyData) {

        /** The line within the file of a 1-based character position inside {@link #sql()}. */
        public int lineOf(int position) {
            int line = this.line;
            for (int i = 0; i < Math.min(position - 1, sql.length()); i++) {
                if (sql.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        /** The 1-based column within its line of a 1-based character position inside {@link #sql()}. */
        public int columnOf(int position) {
            int end = Math.min(position - 1, sql.length());
            return end - sql.lastIndexOf('\n', end - 1);
        }

        /** The line within the file of the {@code row}th (1-based) line of this COPY statement's data. */
        public int copyDataLine(int row) {
            // the data starts on the line after the one the statement's semicolon is on
            return lineOf(sql.length() + 1) + row;
        }

        /** The first line of the statement, shortened for messages. */
        public String excerpt() {
            String oneLine = sql.strip().replaceAll("\\s+", " ");
            return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
        }
    }

    private static final Pattern COPY_FROM_STDIN =
            Pattern.compile("(?is)^\\s*COPY\\b.*\\bFROM\\s+STDIN\\b.*");

    /** Old dumps (PostgreSQL 8.x) switch it off; then a backslash escapes the next character in every string. */
    private static final Pattern STANDARD_STRINGS = Pattern.compile(
            "(?is)^\\s*SET\\s+(?:SESSION\\s+)?standard_conforming_strings\\s*(?:=|TO)\\s*'?(on|off|true|false)'?\\s*");

    /** psql meta-commands that pg_dump writes and that mean nothing to a server. */
    private static final List<String> HARMLESS_META_COMMANDS = List.of("\\restrict", "\\unrestrict");

    private final String source;
    private final String text;
    private final List<Statement> statements = new ArrayList<>();

    private int pos;
    private int line = 1;
    private boolean backslashStrings;

    private SqlScript(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /**
     * Splits {@code text}; {@code source} names the script in errors.
     *
     * @throws SchemaException for an unterminated quote, comment or COPY block, or a psql meta-command
     */
    public static List<Statement> parse(String source, String text) {
        SqlScript script = new SqlScript(source, text.startsWith("\uFEFF") ? text.substring(1) : text);
        script.run();
        return List.copyOf(script.statements);
    }

    private void run() {
        while (true) {
            skipBlanksAndComments();
            if (pos >= text.length()) {
                return;
            }
            if (text.charAt(pos) == '\\') {
                metaCommand();
                continue;
            }
            statement();
        }
    }

    private void metaCommand() {
        int end = text.indexOf('\n', pos);
        String command = text.substring(pos, end < 0 ? text.length() : end).strip();
        String name = command.split("\\s+", 2)[0];
        if (!HARMLESS_META_COMMANDS.contains(name)) {
            throw new SchemaException(source, line, command,
                    "psql meta-command " + name + " is not SQL and cannot be run by refcheck;"
                            + " remove it from the script (or run the script's SQL part only)");
        }
        pos = end < 0 ? text.length() : end;
    }

    private void statement() {
        int start = pos;
        int startLine = line;
        int atomicDepth = 0;
        String previousWord = "";
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ';' && atomicDepth == 0) {
                String sql = text.substring(start, pos);
                pos++;
                String copyData = COPY_FROM_STDIN.matcher(sql).matches() ? copyData(startLine, sql) : null;
                statements.add(new Statement(sql, startLine, copyData));
                Matcher standard = STANDARD_STRINGS.matcher(sql);
                if (standard.matches()) {
                    backslashStrings = standard.group(1).equalsIgnoreCase("off")
                            || standard.group(1).equalsIgnoreCase("false");
                }
                return;
            }
            if (c == '\'') {
                boolean escaped = backslashStrings
                        || pos > start && (text.charAt(pos - 1) == 'E' || text.charAt(pos - 1) == 'e')
                        && (pos - 1 == start || !isWordChar(text.charAt(pos - 2)));
                quoted('\'', escaped, startLine);
            } else if (c == '"') {
                quoted('"', false, startLine);
            } else if (c == '$' && dollarTag() != null) {
                dollarQuoted(startLine);
            } else if (c == '-' && peek(1) == '-') {
                lineComment();
            } else if (c == '/' && peek(1) == '*') {
                blockComment(startLine);
            } else if (Character.isLetter(c) || c == '_') {
                int wordStart = pos;
                while (pos < text.length() && isWordChar(text.charAt(pos))) {
                    pos++;
                }
                String word = text.substring(wordStart, pos).toUpperCase(Locale.ROOT);
                if (word.equals("ATOMIC") && previousWord.equals("BEGIN")) {
                    atomicDepth++;
                } else if (atomicDepth > 0 && word.equals("CASE")) {
                    atomicDepth++;
                } else if (atomicDepth > 0 && word.equals("END")) {
                    atomicDepth--;
                }
                previousWord = word;
                continue;
            } else {
                advance();
            }
        }
        String rest = text.substring(start).strip();
        if (!rest.isEmpty()) {
            // like psql, a last statement without a semicolon still runs
            statements.add(new Statement(text.substring(start), startLine, null));
        }
    }

    private String copyData(int startLine, String sql) {
        // the data starts on the line after the COPY statement and ends at a line "\."
        int lineEnd = text.indexOf('\n', pos);
        if (lineEnd < 0) {
            throw unterminatedCopy(startLine, sql);
        }
        pos = lineEnd + 1;
        line++;
        StringBuilder data = new StringBuilder();
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos);
            String row = text.substring(pos, end < 0 ? text.length() : end);
            pos = end < 0 ? text.length() : end + 1;
            line++;
            if (row.equals("\\.") || row.equals("\\.\r")) {
                return data.toString();
            }
            data.append(row).append('\n');
        }
        throw unterminatedCopy(startLine, sql);
    }

    private SchemaException unterminatedCopy(int startLine, String sql) {
        return new SchemaException(source, startLine, sql,
                "COPY ... FROM stdin has no end-of-data line (a line holding only \\.); add it after the last row");
    }

    private void quoted(char quote, boolean backslashEscapes, int startLine) {
        int openLine = line;
        advance();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (backslashEscapes && c == '\\') {
                advance();
                advance();
                continue;
            }
            advance();
            if (c == quote) {
                if (peek(0) == quote) {
                    advance();
                    continue;
                }
                return;
            }
        }
        String what = quote == '"' ? "quoted identifier" : "string literal";
        throw new SchemaException(source, openLine, excerptFrom(startLine),
                "unterminated " + what + " starting on line " + openLine + "; close it with " + quote);
    }

    /** The tag of a dollar quote starting at pos ({@code $tag$} or {@code $$}), or null. */
    private String dollarTag() {
        int i = pos + 1;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        if (i >= text.length() || text.charAt(i) != '$') {
            return null;
        }
        String tag = text.substring(pos, i + 1);
        // $1 is a parameter, not a quote; and a tag cannot follow an identifier character (a$b$)
        if (tag.length() > 2 && Character.isDigit(tag.charAt(1))) {
            return null;
        }
        if (pos > 0 && isWordChar(text.charAt(pos - 1))) {
            return null;
        }
        return tag;
    }

    private void dollarQuoted(int startLine) {
        String tag = dollarTag();
        int openLine = line;
        for (int i = 0; i < tag.length(); i++) {
            advance();
        }
        int close = text.indexOf(tag, pos);
        if (close < 0) {
            throw new SchemaException(source, openLine, excerptFrom(startLine),
                    "unterminated dollar-quoted string " + tag + " starting on line " + openLine
                            + "; close it with " + tag);
        }
        while (pos < close + tag.length()) {
            advance();
        }
    }

    private void skipBlanksAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == ';') {
                advance();
            } else if (c == '-' && peek(1) == '-') {
                lineComment();
            } else if (c == '/' && peek(1) == '*') {
                blockComment(line);
            } else {
                return;
            }
        }
    }

    private void lineComment() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void blockComment(int startLine) {
        int openLine = line;
        int depth = 0;
        while (pos < text.length()) {
            if (text.startsWith("/*", pos)) {
                depth++;
                advance();
                advance();
            } else if (text.startsWith("*/", pos)) {
                depth--;
                advance();
                advance();
                if (depth == 0) {
                    return;
                }
            } else {
                advance();
            }
        }
        throw new SchemaException(source, openLine, excerptFrom(startLine),
                "unterminated /* comment starting on line " + openLine + "; close it with */");
    }

    private String excerptFrom(int startLine) {
        String[] lines = text.split("\n", -1);
        return startLine - 1 < lines.length ? lines[startLine - 1] : "";
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private void advance() {
        if (pos < text.length() && text.charAt(pos) == '\n') {
            line++;
        }
        pos++;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
