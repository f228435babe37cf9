package dev.refcheck.schema;

/**
 * A schema script could not be read or run. The message names the script, the line, the statement
 * and, when the server refused it, PostgreSQL's own message.
 */
public class SchemaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    public SchemaException(String source, int line, String statement, String problem) {
        this(source, line, statement, problem, null);
    }

    public SchemaException(String source, int line, String statement, String problem, Throwable cause) {
        super(format(source, line, statement, problem), cause);
        this.source = source;
        this.line = line;
    }

    /** The script, as the user named it. */
    public String source() {
        return source;
    }

    /** The 1-based line in the script, 0 when the problem is not at a line. */
    public int line() {
        return line;
    }

    private static String format(String source, int line, String statement, String problem) {
        StringBuilder message = new StringBuilder("Schema script ").append(source);
        if (line > 0) {
            message.append(", line ").append(line);
        }
        message.append(": ").append(problem);
        if (statement != null && !statement.isBlank()) {
            String oneLine = statement.strip().replaceAll("\\s+", " ");
            message.append("\n  statement: ").append(oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 157) + "...");
        }
        return message.toString();
    }
}
