package dev.refcheck.bench.peers;

import java.sql.Connection;

/**
 * One column of the peer comparison (issue 8): how a tool loads the whole data set into an empty schema, and
 * how it puts the data set back after a test committed writes. A tool that cannot run here says why in
 * {@link #available()}, and the table shows it as pending.
 */
public interface PeerTool {

    String name();

    /** Null when the tool can run here, else why the column is pending. */
    default String available() {
        return null;
    }

    /** The role the tool loads as: the superuser, unless the tool is about a plain role. */
    default String user() {
        return "postgres";
    }

    /** Loads every row of {@code data} into the empty tables {@code connection} sees (auto-commit on). */
    void load(Connection connection, Dataset data) throws Exception;

    /** After a test committed writes: the database holds exactly {@code data} again when this returns. */
    void restore(Connection connection, Dataset data) throws Exception;
}
