package dev.refcheck.samples;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
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
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * In production: a purchase for an unknown customer id reaches the database, and the user sees "500 Internal
 * Server Error" with a SQL message. The repository should turn SQLSTATE 23503 on its own constraint into a domain
 * error the caller can handle, and let every other error through. refcheck tests that translation against the
 * real error PostgreSQL raises (through plain JDBC and through Spring's JdbcTemplate), not a hand-made one.
 */
@DisplayName("10. Turn a FK violation into a domain error")
@RefCheck(schema = "classpath:samples/domain-errors.sql")
class S10DomainErrorsTest {

    static final class UnknownCustomerException extends RuntimeException {
        UnknownCustomerException(int customerId, Throwable cause) {
            super("no customer " + customerId + ": register the customer before the purchase", cause);
        }
    }

    /** Our FK, recognised by SQLSTATE and constraint name, is the domain error; anything else is not (null). */
    static UnknownCustomerException unknownCustomer(Throwable error, int customerId) {
        return error instanceof PSQLException e && "23503".equals(e.getSQLState()) && e.getServerErrorMessage() != null
                && "purchase_customer_fk".equals(e.getServerErrorMessage().getConstraint())
                ? new UnknownCustomerException(customerId, e) : null;
    }

    record JdbcPurchases(DataSource dataSource) {
        void record(int id, int customerId, String item) throws SQLException {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO purchase VALUES (?, ?, ?)")) {
                insert.setInt(1, id);
                insert.setInt(2, customerId);
                insert.setString(3, item);
                insert.executeUpdate();
            } catch (SQLException e) {
                UnknownCustomerException domain = unknownCustomer(e, customerId);
                if (domain != null) {
                    throw domain;
                }
                throw e;
            }
        }
    }

    record SpringPurchases(JdbcTemplate jdbc) {
        void record(int id, int customerId, String item) {
            try {
                jdbc.update("INSERT INTO purchase VALUES (?, ?, ?)", id, customerId, item);
            } catch (DataIntegrityViolationException e) { // Spring's translation of every SQLSTATE 23xxx
                UnknownCustomerException domain = unknownCustomer(e.getMostSpecificCause(), customerId);
                throw domain != null ? domain : e;
            }
        }
    }

    @Test
    void aMissingCustomerBecomesADomainError(DataSource dataSource) {
        assertThatThrownBy(() -> new JdbcPurchases(dataSource).record(1, 42, "tea"))
                .isInstanceOf(UnknownCustomerException.class)
                .hasMessage("no customer 42: register the customer before the purchase")
                .satisfies(domain -> assertThatForeignKeyViolation(domain) // found among the causes
                        .isMissingParent().hasConstraint("purchase_customer_fk").hasKeyValues(42));
    }

    @Test
    void otherErrorsAreNotDisguised(DataSource dataSource, Connection connection) throws SQLException {
        new JdbcPurchases(dataSource).record(1, 1, "tea");

        assertThatThrownBy(() -> new JdbcPurchases(dataSource).record(1, 1, "tea again"))
                .isInstanceOf(PSQLException.class).hasMessageContaining("purchase_pkey");
        assertThat(column(connection, "SELECT item FROM purchase")).containsExactly("tea");
    }

    @Test
    void withJdbcTemplateTheViolationArrivesWrappedAndIsTranslatedTheSameWay(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThatForeignKeyViolation(() -> jdbc.update("INSERT INTO purchase VALUES (1, 42, 'tea')"))
                .hasConstraint("purchase_customer_fk"); // through Spring's DataIntegrityViolationException

        SpringPurchases purchases = new SpringPurchases(jdbc);
        assertThatThrownBy(() -> purchases.record(1, 42, "tea")).isInstanceOf(UnknownCustomerException.class)
                .cause().isInstanceOf(PSQLException.class);
        purchases.record(1, 1, "tea");
        assertThatThrownBy(() -> purchases.record(1, 1, "tea again")).isInstanceOf(DuplicateKeyException.class);
    }
}
