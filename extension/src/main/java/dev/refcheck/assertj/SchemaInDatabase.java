package dev.refcheck.assertj;

import dev.refcheck.schema.ForeignKeyCatalog;
import java.sql.Connection;

/**
 * The FKs of the database under test, and the connection to ask further questions through.
 *
 * @param catalog the FKs as read when the assertion started
 * @param connection the test's connection
 */
public record SchemaInDatabase(ForeignKeyCatalog catalog, Connection connection) {

    @Override
    public String toString() {
        return "schema with " + catalog.size() + " foreign keys";
    }
}
