package dev.refcheck.assertj;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A FK violation (SQLSTATE 23503) as PostgreSQL reported it, found anywhere in a throwable's chain.
 *
 * <p>The constraint, schema and table come from the server's structured fields. PostgreSQL puts the
 * <em>referencing</em> table in the table field for both kinds of violation, so after a parent row was deleted
 * {@link #referencingTable()} names the child, not the table the statement changed. The key is only in the
 * detail line, which is the one piece parsed from text.
 *
 * @param constraint the constraint name, from the server's constraint field
 * @param schema the referencing table's schema, from the server's schema field
 * @param referencingTable the referencing (child) table, from the server's table field
 * @param kind which side of the FK the failing statement touched
 * @param keyColumns the key columns from the detail: the child's columns for {@link Kind#MISSING_PARENT}, the
 *                   parent's for {@link Kind#PARENT_STILL_REFERENCED}; empty when the detail was withheld
 * @param keyValues the key values exactly as the detail shows them, e.g. {@code 1, x}; null when withheld
 * @param tableInDetail the table the message names besides the referencing one (the parent), unqualified; a
 *                      catalog gives the qualified one
 * @param serverMessage the server's primary message
 * @param detail the server's detail line, may be null
 * @param source the exception that carried the fields
 */
public record ForeignKeyViolation(String constraint, String schema, String referencingTable, Kind kind,
                                  List<String> keyColumns, String keyValues, String tableInDetail,
                                  String serverMessage, String detail, SQLException source) {

    public static final String SQL_STATE = "23503";

    /** Which side of the FK the statement that failed touched. */
    public enum Kind {
        /** An inserted or updated referencing row points to a parent key that does not exist. */
        MISSING_PARENT("a referencing row points to a missing parent"),
        /** A referenced parent row was deleted, or its key changed, while rows still reference it. */
        PARENT_STILL_REFERENCED("a referenced parent row was deleted or its key changed");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** Names as PostgreSQL quotes them: "x" in English, »x« in German, « x » in French, „x“ and “x” elsewhere. */
    private static final Pattern QUOTED =
            Pattern.compile("\"([^\"]*)\"|»([^«]*)«|«\\s*([^»]*?)\\s*»|„([^“”]*)[“”]|“([^”]*)”");
    /** {@code Key (a, b)=(1, x) ...}: the parentheses survive translation, the words around them do not. */
    private static final Pattern KEY = Pattern.compile("^[^(]*\\((.*?)\\)=\\((.*)\\)[^)]*$", Pattern.DOTALL);

    public ForeignKeyViolation {
        keyColumns = List.copyOf(keyColumns);
    }

    /**
     * The FK violation in {@code thrown}'s chain: causes, {@link SQLException#getNextException()} (batches) and
     * suppressed exceptions, so Spring's, Hibernate's and jOOQ's wrappers need no special handling.
     */
    public static Optional<ForeignKeyViolation> find(Throwable thrown) {
        SQLException plain = null;
        for (Throwable candidate : chain(thrown)) {
            if (candidate instanceof SQLException sql && SQL_STATE.equals(sql.getSQLState())) {
                ServerErrorMessage fields = sql instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
                if (fields != null && fields.getConstraint() != null) {
                    return Optional.of(of(fields, sql));
                }
                plain = plain == null ? sql : plain;
            }
        }
        return Optional.ofNullable(plain).map(ForeignKeyViolation::withoutFields);
    }

    /** The SQLSTATE of the first SQLException in the chain, for messages about the wrong error. */
    static Optional<SQLException> firstSqlException(Throwable thrown) {
        return chain(thrown).stream().filter(SQLException.class::isInstance).map(SQLException.class::cast)
                .findFirst();
    }

    private static List<Throwable> chain(Throwable thrown) {
        List<Throwable> seen = new ArrayList<>();
        Set<Throwable> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        if (thrown != null) {
            todo.add(thrown);
        }
        while (!todo.isEmpty()) {
            Throwable next = todo.removeFirst();
            if (!visited.add(next)) {
                continue;
            }
            seen.add(next);
            if (next instanceof SQLException sql && sql.getNextException() != null) {
                todo.add(sql.getNextException());
            }
            if (next.getCause() != null) {
                todo.add(next.getCause());
            }
            todo.addAll(Arrays.asList(next.getSuppressed()));
        }
        return seen;
    }

    private static ForeignKeyViolation of(ServerErrorMessage fields, SQLException source) {
        String message = fields.getMessage() == null ? "" : fields.getMessage();
        List<String> quoted = quoted(message);
        // "update or delete on table "p" violates foreign key constraint "c" on table "ch"" names three things;
        // "insert or update on table "ch" violates foreign key constraint "c"" names two, in every translation
        Kind kind = quoted.size() >= 3 ? Kind.PARENT_STILL_REFERENCED : Kind.MISSING_PARENT;
        String detail = fields.getDetail();
        List<String> columns = List.of();
        String values = null;
        if (detail != null) {
            Matcher key = KEY.matcher(detail);
            if (key.matches()) {
                columns = Arrays.stream(key.group(1).split(", ")).map(ForeignKeyViolation::unquote).toList();
                values = key.group(2);
            }
        }
        String parent = kind == Kind.PARENT_STILL_REFERENCED ? quoted.get(0)
                : detail == null || quoted(detail).isEmpty() ? null : last(quoted(detail));
        return new ForeignKeyViolation(fields.getConstraint(), fields.getSchema(), fields.getTable(), kind, columns,
                values, parent, message, detail, source);
    }

    /** A 23503 from a driver that gives no fields: only the message is known. */
    private static ForeignKeyViolation withoutFields(SQLException source) {
        return new ForeignKeyViolation(null, null, null, null, List.of(), null, null, source.getMessage(), null,
                source);
    }

    /** Whether the server's structured fields were available (pgjdbc's {@code ServerErrorMessage}). */
    public boolean hasFields() {
        return constraint != null;
    }

    /**
     * A MATCH FULL FK refused a key that is partly null. PostgreSQL shows no key then, only a detail that is
     * translated around the untranslated keyword {@code MATCH FULL}.
     */
    public boolean partlyNullKey() {
        return kind == Kind.MISSING_PARENT && keyValues == null && detail != null && detail.contains("MATCH FULL");
    }

    /** The key values split at {@code ", "} when that gives one value per column; otherwise one raw string. */
    public List<String> keyValueList() {
        if (keyValues == null) {
            return List.of();
        }
        List<String> split = Arrays.asList(keyValues.split(", ", -1));
        return split.size() == keyColumns.size() ? split : List.of(keyValues);
    }

    /** What PostgreSQL said, message and detail, to quote in failure messages. */
    public String postgresSays() {
        return detail == null ? serverMessage : serverMessage + " / " + detail;
    }

    private static List<String> quoted(String text) {
        List<String> names = new ArrayList<>();
        Matcher matcher = QUOTED.matcher(text);
        while (matcher.find()) {
            for (int group = 1; group <= matcher.groupCount(); group++) {
                if (matcher.group(group) != null) {
                    names.add(matcher.group(group));
                    break;
                }
            }
        }
        return names;
    }

    private static String last(List<String> names) {
        return names.get(names.size() - 1);
    }

    private static String unquote(String column) {
        String trimmed = column.trim();
        return trimmed.length() > 1 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1).replace("\"\"", "\"") : trimmed;
    }
}
