package dev.refcheck.samples;

import static dev.refcheck.assertj.RefCheckAssertions.assertThatForeignKeyViolation;
import static dev.refcheck.samples.Jdbc.column;
import static dev.refcheck.samples.Jdbc.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.Isolation;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * In production: every order points at a country, every country at a currency. In tests the reference rows come
 * from a seed script that must list currencies before countries, and a test that deletes a country (and, by
 * ON DELETE CASCADE, its orders) leaves the next test without it. refcheck loads dataset files named with the
 * schema once, into the template, in FK order (here country.csv comes first and points at currency.csv); every
 * test starts with them, and under CLEAN isolation a test that deleted one commits for real and the next test
 * finds it back.
 */
@DisplayName("14. Reference data every test points at, loaded once in FK order")
@RefCheck(schema = {"classpath:samples/reference-data.sql", "classpath:samples/reference-data/country.csv",
        "classpath:samples/reference-data/currency.csv"}, isolation = Isolation.CLEAN)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S14ReferenceDataTest {

    @Test
    @Order(1)
    void aTestWritesOrdersAgainstTheSharedCountries(Connection connection) throws SQLException {
        execute(connection, "INSERT INTO purchase VALUES (1, 'IT', 9.90), (2, 'CH', 12.00)");

        assertThat(column(connection, "SELECT p.id || ' ' || c.currency FROM purchase p JOIN country c"
                + " ON c.code = p.country ORDER BY p.id")).containsExactly("1 EUR", "2 CHF");
        assertThatForeignKeyViolation(() -> execute(connection, "INSERT INTO purchase VALUES (3, 'XX', 1)"))
                .isMissingParent().hasConstraint("purchase_country_fk").hasKeyValues("XX");
    }

    @Test
    @Order(2)
    void aTestDeletesACountryAndCommits(Connection connection) throws SQLException {
        execute(connection, "DELETE FROM country WHERE code = 'GB'");

        assertThat(column(connection, "SELECT count(*) FROM country")).containsExactly("3");
    }

    @Test
    @Order(3)
    void theNextTestFindsTheReferenceDataAsLoadedAndNoOrders(Connection connection) throws SQLException {
        assertThat(column(connection, "SELECT code FROM country ORDER BY code")).containsExactly("CH", "FR", "GB", "IT");
        assertThat(column(connection, "SELECT count(*) FROM purchase")).containsExactly("0");
    }
}
