package dev.refcheck.bench.peers;

import dev.refcheck.fixtures.Fixture;
import dev.refcheck.fixtures.FixtureLoader;
import dev.refcheck.fixtures.FixtureRow;
import dev.refcheck.postgres.Cluster;
import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.Provider;
import dev.refcheck.postgres.ServerSpec;
import dev.refcheck.postgres.Session;
import dev.refcheck.postgres.Template;
import dev.refcheck.schema.SchemaSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * refcheck's column: the rows handed to {@link FixtureLoader} shuffled (it orders them from the FK graph); the
 * restore is CLEAN itself, {@code Session.begin(CLEAN)} + {@code finish()} on a template whose scripts hold the
 * data set, on the benchmark's server (provider external, as superuser like the other tools).
 */
public final class Refcheck implements PeerTool, AutoCloseable {

    private final String serverUrl;
    private final Path chinook;
    private final String user;
    private Cluster cluster;
    private Template template;

    /** {@code user}: the role refcheck's CLEAN runs as; "postgres" is superuser, any other a plain role. */
    public Refcheck(String serverUrl, Path chinook, String user) {
        this.serverUrl = serverUrl;
        this.chinook = chinook;
        this.user = user;
    }

    @Override
    public String name() {
        return user.equals("postgres") ? "refcheck" : "refcheck as a plain role (NOSUPERUSER CREATEDB)";
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public void load(Connection connection, Dataset data) {
        FixtureLoader.load(connection, shuffled(data));
    }

    /** Every row of every table in one list, shuffled with a fixed seed: no order for the loader to rely on. */
    public static Fixture shuffled(Dataset data) {
        List<FixtureRow> rows = new ArrayList<>(data.rowCount());
        for (Dataset.Table table : data.tables().values()) {
            for (Object[] row : table.rows()) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < row.length; i++) {
                    values.put(table.columns().get(i), row[i]);
                }
                rows.add(new FixtureRow(table.name(), values, null, "chinook " + table.name()));
            }
        }
        Collections.shuffle(rows, new Random(42));
        return Fixture.of(rows);
    }

    /** Not used: CLEAN restores the database a CLEAN session handed out; see {@link #timeRestore}. */
    @Override
    public void restore(Connection connection, Dataset data) {
        throw new UnsupportedOperationException("refcheck restores through a CLEAN session, see timeRestore");
    }

    /**
     * One CLEAN test: the 5-table test commits through the session's connection, then {@code finish()} (timed)
     * puts the data set back. The check reads the database through the next CLEAN session on it.
     */
    public double timeRestore(String fiveTableTest, Verifier verifier) throws Exception {
        if (cluster == null) {
            cluster = Cluster.start(new ServerSpec(Provider.EXTERNAL, null, serverUrl, user, null, false));
            template = cluster.template(SchemaSource.of(List.of("file:" + chinook.resolve("schema.sql").toAbsolutePath(),
                    "file:" + chinook.resolve("data.sql").toAbsolutePath()), List.of(), Refcheck.class.getClassLoader()));
        }
        Session session = Session.begin(cluster, template, Isolation.CLEAN, null, "PeersBench.fiveTableTest");
        try (Connection connection = session.connection(); Statement statement = connection.createStatement()) {
            statement.execute(fiveTableTest);
        }
        long start = System.nanoTime();
        session.finish();
        double millis = (System.nanoTime() - start) / 1e6;
        Session check = Session.begin(cluster, template, Isolation.CLEAN, null, "PeersBench.verify");
        try (Connection connection = check.connection()) {
            verifier.verify(connection);
        } finally {
            check.finish();
        }
        return millis;
    }

    /** Throws when the database differs from the data set. */
    public interface Verifier {
        void verify(Connection connection) throws Exception;
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
