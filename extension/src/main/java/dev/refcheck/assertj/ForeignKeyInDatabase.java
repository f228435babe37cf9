package dev.refcheck.assertj;

import dev.refcheck.schema.ForeignKey;
import dev.refcheck.schema.ForeignKeyCatalog;
import java.sql.Connection;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One FK of the database under test and the connection to check it through.
 *
 * @param foreignKey the FK as the catalog holds it
 * @param connection the test's connection
 */
public record ForeignKeyInDatabase(ForeignKey foreignKey, Connection connection) {

    /** The FK named {@code name}; an {@link AssertionError} listing the FKs there are when none or several match. */
    static ForeignKeyInDatabase named(ForeignKeyCatalog catalog, Connection connection, String name) {
        return single(catalog, connection, fk -> fk.name().equals(name), "named " + name,
                "the name is used on several tables: name the tables instead, assertThatForeignKey(database, child,"
                        + " parent)");
    }

    static ForeignKeyInDatabase between(ForeignKeyCatalog catalog, Connection connection, String child,
                                        String parent) {
        return single(catalog, connection, fk -> Tables.matches(child, fk.child()) && Tables.matches(parent,
                fk.parent()), "from " + child + " to " + parent, "name it by constraint");
    }

    private static ForeignKeyInDatabase single(ForeignKeyCatalog catalog, Connection connection,
                                               Predicate<ForeignKey> wanted, String what, String toChoose) {
        List<ForeignKey> found = catalog.foreignKeys().stream().filter(wanted).toList();
        if (found.size() != 1) {
            String listed = (found.isEmpty() ? catalog.foreignKeys() : found).stream()
                    .map(fk -> "  " + fk.describe()).collect(Collectors.joining(System.lineSeparator()));
            throw new AssertionError(String.format("%nExpecting one foreign key %s but found %s.%n%s%n%s", what,
                    found.isEmpty() ? "none" : found.size() + ", " + toChoose,
                    found.isEmpty() ? "Foreign keys there are:" : "Candidates:", listed));
        }
        return new ForeignKeyInDatabase(found.get(0), connection);
    }

    @Override
    public String toString() {
        return foreignKey.describe();
    }
}
