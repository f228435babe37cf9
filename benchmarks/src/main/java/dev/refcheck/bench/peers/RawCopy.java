package dev.refcheck.bench.peers;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** The floor: COPY ... FROM STDIN per table, parents first, in one transaction; restore = TRUNCATE all + COPY. */
public final class RawCopy implements PeerTool {

    @Override
    public String name() {
        return "raw COPY";
    }

    @Override
    public void load(Connection connection, Dataset data) throws Exception {
        connection.setAutoCommit(false);
        try {
            copy(connection, data);
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    @Override
    public void restore(Connection connection, Dataset data) throws Exception {
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE " + String.join(", ", data.tables().keySet()));
            }
            copy(connection, data);
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Every table, in the data set's (parent-first) order, in the connection's current transaction. */
    public static void copy(Connection connection, Dataset data) throws Exception {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        for (Dataset.Table table : data.tables().values()) {
            copy.copyIn("COPY " + table.name() + " (" + String.join(", ", table.columns()) + ") FROM STDIN",
                    new StringReader(text(table)));
        }
    }

    /** COPY's text format: tab-separated, \N for null, backslash escapes. */
    static String text(Dataset.Table table) {
        StringBuilder out = new StringBuilder();
        for (Object[] row : table.rows()) {
            List<String> fields = new ArrayList<>(row.length);
            for (Object value : row) {
                fields.add(value == null ? "\\N" : value.toString().replace("\\", "\\\\").replace("\t", "\\t")
                        .replace("\n", "\\n").replace("\r", "\\r"));
            }
            out.append(String.join("\t", fields)).append('\n');
        }
        return out.toString();
    }
}
