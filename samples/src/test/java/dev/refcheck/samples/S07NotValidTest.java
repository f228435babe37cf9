package dev.refcheck.samples;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatDatabase;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKey;
import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static dev.refcheck.samples.Jdbc.execute;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * In production: a migration drops a FK "for the data fix" and adds it back later, but rows written in between
 * break it, and the ADD fails during the deploy. Adding it NOT VALID succeeds at once (only new rows are
 * checked) and VALIDATE CONSTRAINT checks the old rows later, failing while orphans exist. refcheck runs the
 * migration's statements on a real PostgreSQL, names the orphan each refusal reports, and asserts from the
 * catalog whether the FK is validated yet.
 */
@DisplayName("07. Drop and re-add a FK; NOT VALID, then VALIDATE CONSTRAINT")
@RefCheck(schema = "classpath:samples/not-valid.sql")
class S07NotValidTest {

    @Test
    void rowsWrittenWhileTheForeignKeyWasDroppedBlockItsReturn(Connection connection) throws SQLException {
        execute(connection, "ALTER TABLE delivery DROP CONSTRAINT delivery_supplier_fk",
                "INSERT INTO delivery VALUES (102, 9)");

        // PostgreSQL has no message of its own for this: it reports the first orphan as if it had been inserted
        assertThatForeignKeyViolation(() -> execute(connection, "ALTER TABLE delivery ADD CONSTRAINT"
                + " delivery_supplier_fk FOREIGN KEY (supplier_id) REFERENCES supplier"))
                .isMissingParent().hasConstraint("delivery_supplier_fk").hasReferencedTable("supplier")
                .hasKeyColumns("supplier_id").hasKeyValues(9);
    }

    @Test
    void notValidChecksNewRowsAndValidateChecksTheOldOnes(Connection connection, TestDatabase database)
            throws SQLException {
        execute(connection, "ALTER TABLE delivery DROP CONSTRAINT delivery_supplier_fk",
                "INSERT INTO delivery VALUES (102, 9)",
                "ALTER TABLE delivery ADD CONSTRAINT delivery_supplier_fk FOREIGN KEY (supplier_id)"
                        + " REFERENCES supplier NOT VALID");
        assertThatForeignKey(database, "delivery_supplier_fk").isNotValidated();
        assertThatForeignKeyViolation(() -> execute(connection, "INSERT INTO delivery VALUES (103, 9)"))
                .as("new rows are checked at once").hasConstraint("delivery_supplier_fk");

        assertThatForeignKeyViolation(() -> execute(connection,
                "ALTER TABLE delivery VALIDATE CONSTRAINT delivery_supplier_fk"))
                .isMissingParent().hasConstraint("delivery_supplier_fk").hasKeyColumns("supplier_id").hasKeyValues(9);

        assertThatDatabase(database).hasOrphans("delivery_supplier_fk", 1); // every orphan, VALIDATE stops at the first
        execute(connection,
                "DELETE FROM delivery d WHERE NOT EXISTS (SELECT 1 FROM supplier s WHERE s.id = d.supplier_id)",
                "ALTER TABLE delivery VALIDATE CONSTRAINT delivery_supplier_fk");
        assertThatForeignKey(database, "delivery_supplier_fk").isValidated();
    }
}
