package dev.refcheck.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** FRESH: a database of its own, cloned from the template; dropped after the test (or the class). */
final class FreshSession extends Session {

    private final boolean dropAtEnd;

    FreshSession(Cluster cluster, String database, boolean dropAtEnd, String label) {
        super(cluster, database, dropAtEnd ? Isolation.FRESH : Isolation.FRESH_PER_CLASS, label);
        this.dropAtEnd = dropAtEnd;
    }

    @Override
    Connection open() throws SQLException {
        return ConnectionHandles.wrap(physical(new Properties()), (target, method, args) -> {
            if (method.getName().equals("close")) {
                closingWith(target);
            }
            return null;
        });
    }

    @Override
    void end() {
        if (dropAtEnd) {
            cluster.dropLater(database);
        }
    }
}
