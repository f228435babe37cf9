package dev.refcheck.samples;

import static dev.refcheck.samples.Jdbc.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refcheck.jupiter.RefCheck;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * In production: a purchase for an unknown customer id reaches the database, and the user sees "500 Internal
 * Server Error" with a SQL message. The repository should turn SQLSTATE 23503 on its own constraint into a domain
 * error the caller can handle, and let every other error through. refcheck tests that translation against the
 * real error PostgreSQL raises, not a hand-made exception that may not match it.
 */
@DisplayName("10. Turn a FK violation into a domain error")
@RefCheck(schema = "classpath:samples/domain-errors.sql")
class S10DomainErrorsTest {

    /** The domain error: what the caller can act on. */
    static final class UnknownCustomerException extends RuntimeException {
        UnknownCustomerException(int customerId, Throwable cause) {
            super("no customer " + customerId + ": register the customer before the purchase", cause);
        }
    }

    /** A plain JDBC repository, as an application would have it. */
    record PurchaseRepository(DataSource dataSource) {
        void record(int id, int customerId, String item) throws SQLException {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO purchase VALUES (?, ?, ?)")) {
                insert.setInt(1, id);
                insert.setInt(2, customerId);
                insert.setString(3, item);
                insert.executeUpdate();
            } catch (PSQLException e) {
                if ("23503".equals(e.getSQLState()) && e.getServerErrorMessage() != null
                        && "purchase_customer_fk".equals(e.getServerErrorMessage().getConstraint())) {
                    throw new UnknownCustomerException(customerId, e);
                }
                throw e;
            }
        }
    }

    @Test
    void aMissingCustomerBecomesADomainError(DataSource dataSource) {
        // refcheck: AssertJ FK-violation assertions replace this (on the cause)
        assertThatThrownBy(() -> new PurchaseRepository(dataSource).record(1, 42, "tea"))
                .isInstanceOf(UnknownCustomerException.class)
                .hasMessage("no customer 42: register the customer before the purchase")
                .cause().isInstanceOf(PSQLException.class).hasMessageContaining("purchase_customer_fk");
    }

    @Test
    void otherErrorsAreNotDisguised(DataSource dataSource, Connection connection) throws SQLException {
        PurchaseRepository purchases = new PurchaseRepository(dataSource);
        purchases.record(1, 1, "tea");

        assertThatThrownBy(() -> purchases.record(1, 1, "tea again"))
                .isInstanceOf(PSQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as("unique violation").isEqualTo("23505"));
        assertThat(column(connection, "SELECT item FROM purchase")).containsExactly("tea");
    }
}
