package dev.refcheck.bench.peers;

import java.sql.Connection;

/**
 * refcheck's column: rows handed over shuffled, the loader orders them from the FK graph; restore is CLEAN.
 * Pending until the fixture loader (issue 4) lands: then implement load with it and drop {@link #available()}.
 */
public final class Refcheck implements PeerTool {

    @Override
    public String name() {
        return "refcheck";
    }

    @Override
    public String available() {
        return "pending: refcheck's fixture loader (issue 4) is not merged yet";
    }

    @Override
    public void load(Connection connection, Dataset data) {
        throw new UnsupportedOperationException(available());
    }

    @Override
    public void restore(Connection connection, Dataset data) {
        throw new UnsupportedOperationException(available());
    }
}
