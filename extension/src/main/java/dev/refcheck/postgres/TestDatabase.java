package dev.refcheck.postgres;

import dev.refcheck.fixtures.Fixture;
import dev.refcheck.fixtures.LoadResult;
import dev.refcheck.schema.ForeignKeyCatalog;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * The database one test runs against. Injected into test parameters, constructors and fields annotated
 * {@code @RefCheck.Inject}; later capabilities (fixtures, the orphan audit) hang off it.
 */
public interface TestDatabase {

    /** The database's name on the server. */
    String name();

    /** A JDBC URL for this database, without credentials; see {@link #user()} and {@link #password()}. */
    String jdbcUrl();

    String user();

    /** May be null (embedded PostgreSQL trusts local connections). */
    String password();

    /**
     * Connections to this database. Under {@link Isolation#TRANSACTION} every connection it gives is a
     * handle on the test's one transaction: {@code commit()} checks deferred constraints without ending it,
     * {@code rollback()} undoes the work since the last commit, {@code close()} only closes the handle.
     */
    DataSource dataSource();

    /** The test's own connection, opened on first use and closed after the test. */
    Connection connection();

    Isolation isolation();

    /** The FKs of this database as they stand now, read from {@code pg_constraint} (the user's schemas only). */
    ForeignKeyCatalog catalog();

    /**
     * Inserts the fixture's rows in FK order on {@link #connection()}, all or none; FKs stay enforced. Build one
     * with {@link Fixture#builder()} or read dataset files with {@code Datasets.read("classpath:…")}.
     */
    LoadResult load(Fixture fixture);
}
