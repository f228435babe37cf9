package dev.refcheck.orphans;

import dev.refcheck.internal.Sql;
import dev.refcheck.schema.ForeignKey;
import dev.refcheck.schema.MatchType;
import dev.refcheck.schema.ReferentialAction;
import dev.refcheck.schema.TableRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A relation the schema does not declare (no constraint) but the data must respect, audited like a FK.
 * Written {@code child(a, b) -> parent(x, y)}, optionally schema-qualified and followed by {@code MATCH FULL};
 * identifiers follow PostgreSQL: unquoted ones are folded to lower case, {@code "Order"} keeps its case.
 *
 * @param child the referencing table
 * @param childColumns the referencing columns
 * @param parent the referenced table
 * @param parentColumns the referenced columns, paired with childColumns
 * @param match SIMPLE (any null exempts a row) or FULL (all null or none)
 */
public record LogicalForeignKey(TableRef child, List<String> childColumns, TableRef parent, List<String> parentColumns,
                                MatchType match) {

    public LogicalForeignKey {
        Objects.requireNonNull(child, "child");
        Objects.requireNonNull(parent, "parent");
        childColumns = List.copyOf(childColumns);
        parentColumns = List.copyOf(parentColumns);
        if (childColumns.isEmpty() || childColumns.size() != parentColumns.size()) {
            throw new IllegalArgumentException("a logical FK pairs as many referencing as referenced columns, at least"
                    + " one, but " + child + " has " + childColumns + " and " + parent + " has " + parentColumns);
        }
        if (match == MatchType.PARTIAL) {
            throw new IllegalArgumentException("MATCH PARTIAL is not implemented by PostgreSQL; use SIMPLE or FULL");
        }
    }

    /** Parses {@code [schema.]child(a, b) -> [schema.]parent(x, y) [MATCH SIMPLE|FULL]}. */
    public static LogicalForeignKey parse(String text) {
        Parser parser = new Parser(text);
        try {
            TableRef child = parser.table();
            List<String> childColumns = parser.columns();
            parser.expect("->");
            TableRef parent = parser.table();
            List<String> parentColumns = parser.columns();
            MatchType match = MatchType.SIMPLE;
            if (parser.more()) {
                parser.expectWord("MATCH");
                String type = parser.word().toUpperCase(Locale.ROOT);
                match = switch (type) {
                    case "SIMPLE" -> MatchType.SIMPLE;
                    case "FULL" -> MatchType.FULL;
                    default -> throw parser.error("MATCH SIMPLE or MATCH FULL");
                };
            }
            if (parser.more()) {
                throw parser.error("the end");
            }
            return new LogicalForeignKey(child, childColumns, parent, parentColumns, match);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Parses several, separated by {@code ;} (the form of the configuration key). */
    public static List<LogicalForeignKey> parseAll(String text) {
        List<LogicalForeignKey> keys = new ArrayList<>();
        for (String part : text.split(";")) {
            if (!part.isBlank()) {
                keys.add(parse(part.strip()));
            }
        }
        return Collections.unmodifiableList(keys);
    }

    /** The name it goes by in reports: {@code logical child(a) -> parent(x)}. */
    public String name() {
        return "logical " + child.name() + "(" + String.join(", ", childColumns) + ") -> " + parent.name() + "("
                + String.join(", ", parentColumns) + ")";
    }

    /** As a FK without a constraint: oid 0, never validated, no RI triggers. */
    public ForeignKey toForeignKey() {
        return new ForeignKey(0, name(), child, childColumns, Collections.nCopies(childColumns.size(), true), parent,
                parentColumns, match, ReferentialAction.NO_ACTION, ReferentialAction.NO_ACTION, List.of(), false, false,
                false, false);
    }

    @Override
    public String toString() {
        return child.sql() + " (" + Sql.columnList(childColumns) + ") -> " + parent.sql() + " ("
                + Sql.columnList(parentColumns) + ") MATCH " + match;
    }

    /** A tiny tokenizer for identifiers, quoted identifiers and the punctuation of the notation. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = Objects.requireNonNull(text, "text");
        }

        TableRef table() {
            String first = identifier();
            skipSpace();
            if (peek('.')) {
                at++;
                return new TableRef(first, identifier());
            }
            return TableRef.of(first);
        }

        List<String> columns() {
            expect("(");
            List<String> columns = new ArrayList<>();
            columns.add(identifier());
            while (true) {
                skipSpace();
                if (peek(',')) {
                    at++;
                    columns.add(identifier());
                } else {
                    expect(")");
                    return columns;
                }
            }
        }

        String identifier() {
            skipSpace();
            if (peek('"')) {
                StringBuilder name = new StringBuilder();
                at++;
                while (at < text.length()) {
                    char c = text.charAt(at++);
                    if (c == '"') {
                        if (peek('"')) {
                            name.append('"');
                            at++;
                        } else {
                            return name.toString();
                        }
                    } else {
                        name.append(c);
                    }
                }
                throw error("a closing double quote");
            }
            String word = word();
            return word.toLowerCase(Locale.ROOT);
        }

        String word() {
            skipSpace();
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_'
                    || text.charAt(at) == '$')) {
                at++;
            }
            if (start == at) {
                throw error("an identifier");
            }
            return text.substring(start, at);
        }

        void expect(String token) {
            skipSpace();
            if (!text.startsWith(token, at)) {
                throw error("'" + token + "'");
            }
            at += token.length();
        }

        void expectWord(String word) {
            if (!word().equalsIgnoreCase(word)) {
                throw error(word);
            }
        }

        boolean more() {
            skipSpace();
            return at < text.length();
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        IllegalStateException error(String expected) {
            return new IllegalStateException("a logical FK must read child(column, ...) -> parent(column, ...)"
                    + " [MATCH FULL], but '" + text + "' has " + (at < text.length() ? "'" + text.substring(at)
                    + "'" : "nothing") + " at character " + (at + 1) + " where " + expected + " was expected");
        }
    }
}
