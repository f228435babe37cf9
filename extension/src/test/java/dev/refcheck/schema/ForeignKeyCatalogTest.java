package dev.refcheck.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ForeignKeyCatalogTest {

    @Nested
    @RefCheck(schema = "classpath:corpus/chinook/schema.sql")
    class Chinook {

        @Test
        void readsElevenForeignKeysWithTheSelfReference(TestDatabase database) {
            ForeignKeyCatalog catalog = database.catalog();

            assertThat(catalog.size()).isEqualTo(11);
            assertThat(catalog.foreignKeys()).anySatisfy(fk -> {
                assertThat(fk.isSelfReference()).isTrue();
                assertThat(fk.child()).isEqualTo(TableRef.of("employee"));
                assertThat(fk.childColumns()).containsExactly("reports_to");
                assertThat(fk.childColumnsNullable()).containsExactly(true);
            });
            assertThat(catalog.referencing(TableRef.of("track")))
                    .extracting(fk -> fk.child().name()).containsExactlyInAnyOrder("invoice_line", "playlist_track");
        }
    }

    @Nested
    @RefCheck(schema = "classpath:corpus/pagila/schema.sql")
    class Pagila {

        @Test
        void readsTheDeclaredForeignKeysOnceNotThePartitionClones(TestDatabase database) {
            ForeignKeyCatalog catalog = database.catalog();

            assertThat(catalog.foreignKeys()).extracting(ForeignKey::name).doesNotHaveDuplicates();
            assertThat(catalog.foreignKeys()).anySatisfy(fk -> {
                assertThat(fk.onUpdate()).isEqualTo(ReferentialAction.CASCADE);
                assertThat(fk.onDelete()).isEqualTo(ReferentialAction.RESTRICT);
            });
        }
    }

    @Nested
    @RefCheck(schema = "classpath:db/shop.sql")
    class Details {

        @Test
        void readsCompositeDeferrableNotValidAndDisabledTriggers(Connection connection, TestDatabase database)
                throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA \"Sales\"");
                statement.execute("CREATE TABLE \"Sales\".\"Order\" (a int, \"E-mail\" text, UNIQUE (a, \"E-mail\"))");
                statement.execute("CREATE TABLE \"Sales\".line (a int, m text, FOREIGN KEY (m, a)"
                        + " REFERENCES \"Sales\".\"Order\" (\"E-mail\", a) MATCH FULL ON DELETE SET NULL (m)"
                        + " DEFERRABLE INITIALLY DEFERRED)");
                statement.execute("ALTER TABLE customer ADD CONSTRAINT late FOREIGN KEY (id) REFERENCES customer"
                        + " NOT VALID");
                statement.execute("ALTER TABLE customer DISABLE TRIGGER ALL");
            }

            ForeignKeyCatalog catalog = database.catalog();

            ForeignKey line = catalog.declaredOn(new TableRef("Sales", "line")).get(0);
            assertThat(line.childColumns()).containsExactly("m", "a");
            assertThat(line.parentColumns()).containsExactly("E-mail", "a");
            assertThat(line.match()).isEqualTo(MatchType.FULL);
            assertThat(line.onDelete()).isEqualTo(ReferentialAction.SET_NULL);
            assertThat(line.onDeleteSetColumns()).containsExactly("m");
            assertThat(line.deferrable()).isTrue();
            assertThat(line.initiallyDeferred()).isTrue();
            ForeignKey late = catalog.find(TableRef.of("customer"), "late").orElseThrow();
            assertThat(late.validated()).isFalse();
            assertThat(late.triggersEnabled()).isFalse();
            assertThat(ForeignKeyCatalog.read(connection, "Sales").size()).isEqualTo(1);
        }
    }
}
