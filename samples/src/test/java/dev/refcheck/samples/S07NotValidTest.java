package dev.refcheck.samples;

import static dev.refcheck.samples.Jdbc.execute;
import static dev.refcheck.samples.Jdbc.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import dev.refcheck.schema.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ServerErrorMessage;

/**
 * In production: a migration drops a FK "for the data fix" and adds it back later, but rows written in between
 * break it, and the ADD fails during the deploy. Adding it NOT VALID succeeds at once (only new rows are
 * checked) and VALIDATE CONSTRAINT checks the old rows later, failing while orphans exist. refcheck runs the
 * migration's statements on a real PostgreSQL and its catalog shows whether the FK is validated yet.
 */
@DisplayName("07. Drop and re-add a FK; NOT VALID, then VALIDATE CONSTRAINT")
@RefCheck(schema = "classpath:samples/not-valid.sql")
class S07NotValidTest {

    private static final TableRef DELIVERY = TableRef.of("delivery");

    @Test
    void rowsWrittenWhileTheForeignKeyWasDroppedBlockItsReturn(Connection connection) throws SQLException {
        execute(connection, "ALTER TABLE delivery DROP CONSTRAINT delivery_supplier_fk",
                "INSERT INTO delivery VALUES (102, 9)");

        ServerErrorMessage error = refusal(() -> execute(connection, "ALTER TABLE delivery ADD CONSTRAINT"
                + " delivery_supplier_fk FOREIGN KEY (supplier_id) REFERENCES supplier"));

        // refcheck: AssertJ FK-violation assertions replace this
        assertThat(error.getSQLState()).isEqualTo("23503");
        assertThat(error.getMessage()).isEqualTo("insert or update on table \"delivery\" violates foreign key"
                + " constraint \"delivery_supplier_fk\"");
        assertThat(error.getDetail()).isEqualTo("Key (supplier_id)=(9) is not present in table \"supplier\".");
    }

    @Test
    void notValidChecksNewRowsAndValidateChecksTheOldOnes(Connection connection, TestDatabase database)
            throws SQLException {
        execute(connection, "ALTER TABLE delivery DROP CONSTRAINT delivery_supplier_fk",
                "INSERT INTO delivery VALUES (102, 9)",
                "ALTER TABLE delivery ADD CONSTRAINT delivery_supplier_fk FOREIGN KEY (supplier_id)"
                        + " REFERENCES supplier NOT VALID");
        assertThat(database.catalog().find(DELIVERY, "delivery_supplier_fk").orElseThrow().validated()).isFalse();
        assertThat(refusal(() -> execute(connection, "INSERT INTO delivery VALUES (103, 9)")).getSQLState())
                .as("new rows are checked at once").isEqualTo("23503");

        ServerErrorMessage error = refusal(() -> execute(connection,
                "ALTER TABLE delivery VALIDATE CONSTRAINT delivery_supplier_fk"));
        assertThat(error.getSQLState()).isEqualTo("23503");
        assertThat(error.getMessage()).isEqualTo("insert or update on table \"delivery\" violates foreign key"
                + " constraint \"delivery_supplier_fk\"");
        assertThat(error.getDetail()).isEqualTo("Key (supplier_id)=(9) is not present in table \"supplier\".");

        // refcheck: orphan audit replaces this (it lists every orphan, VALIDATE stops at the first)
        execute(connection,
                "DELETE FROM delivery d WHERE NOT EXISTS (SELECT 1 FROM supplier s WHERE s.id = d.supplier_id)",
                "ALTER TABLE delivery VALIDATE CONSTRAINT delivery_supplier_fk");
        assertThat(database.catalog().find(DELIVERY, "delivery_supplier_fk").orElseThrow().validated()).isTrue();
    }
}
