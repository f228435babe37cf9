package dev.refcheck.samples;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static dev.refcheck.samples.Jdbc.column;
import static dev.refcheck.samples.Jdbc.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import dev.refcheck.schema.ForeignKey;
import dev.refcheck.schema.ForeignKeyCatalog;
import dev.refcheck.schema.MatchType;
import dev.refcheck.schema.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * In production: a parcel is stored with a site but no bin, and nobody notices that it points at no shelf. A
 * null in a FK column exempts the row from the check; for a composite FK under the default MATCH SIMPLE one
 * null is enough, so a half-filled key is never checked at all. MATCH FULL refuses half-filled keys. refcheck
 * shows both on a real PostgreSQL, and its catalog tells which FK has which match type.
 */
@DisplayName("04. Nullable and composite FKs: MATCH SIMPLE vs MATCH FULL")
@RefCheck(schema = "classpath:samples/match-types.sql")
class S04MatchTypesTest {

    @Test
    void aNullForeignKeyIsNotChecked(Connection connection) throws SQLException {
        execute(connection, "INSERT INTO parcel_simple (id, courier_id) VALUES (1, NULL)");

        assertThat(column(connection, "SELECT count(*) FROM parcel_simple")).containsExactly("1");
    }

    @Test
    void matchSimpleLetsAHalfFilledKeyThrough(Connection connection) throws SQLException {
        execute(connection, "INSERT INTO parcel_simple VALUES (1, 'nowhere', NULL)");

        assertThat(column(connection, "SELECT site FROM parcel_simple")).containsExactly("nowhere");
    }

    @Test
    void matchFullRefusesAHalfFilledKey(TestDatabase database, Connection connection) {
        assertThatForeignKeyViolation(() -> execute(connection, "INSERT INTO parcel_full VALUES (1, 'nowhere', NULL)"))
                .using(database) // the detail names no table here: the catalog knows the referenced one
                .hasConstraint("parcel_full_shelf_fk").hasReferencedTable("shelf")
                .hasPartlyNullKey(); // PostgreSQL shows no key then, only that MATCH FULL refused the mix
    }

    @Test
    void bothAcceptAnAllNullKeyAndCheckAFullOne(Connection connection) throws SQLException {
        execute(connection, "INSERT INTO parcel_simple VALUES (1, NULL, NULL)",
                "INSERT INTO parcel_full VALUES (1, NULL, NULL)", "INSERT INTO parcel_full VALUES (2, 'north', 1)");

        for (String table : new String[] {"parcel_simple", "parcel_full"}) {
            assertThatForeignKeyViolation(() -> execute(connection, "INSERT INTO " + table + " VALUES (3, 'north', 2)"))
                    .isMissingParent().hasReferencingTable(table).hasReferencedTable("shelf")
                    .hasKeyColumns("site", "bin").hasKeyValues("north", 2);
        }
    }

    @Test
    void theCatalogTellsTheMatchType(TestDatabase database) {
        ForeignKeyCatalog catalog = database.catalog();
        ForeignKey simple = catalog.find(TableRef.of("parcel_simple"), "parcel_simple_shelf_fk").orElseThrow();
        ForeignKey full = catalog.find(TableRef.of("parcel_full"), "parcel_full_shelf_fk").orElseThrow();

        assertThat(simple.match()).isEqualTo(MatchType.SIMPLE);
        assertThat(full.match()).isEqualTo(MatchType.FULL);
        assertThat(full.childColumns()).containsExactly("site", "bin");
        assertThat(full.hasNullableColumn()).isTrue();
    }
}
