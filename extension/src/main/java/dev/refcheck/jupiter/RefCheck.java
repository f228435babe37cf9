package dev.refcheck.jupiter;

import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.Provider;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a real PostgreSQL with its schema applied, and a clean database for every
 * test. Works on a class, is inherited, applies to {@code @Nested} classes and can be part of your own
 * composed annotation.
 *
 * <pre>{@code
 * @RefCheck(schema = "classpath:db/schema.sql")
 * class OrderRepositoryTest {
 *     @Test
 *     void savesAnOrder(DataSource dataSource) { ... }
 * }
 * }</pre>
 *
 * <p>Attributes left at their defaults are taken from the configuration: system property, then environment
 * variable, then {@code junit-platform.properties} (see the README's configuration table).
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RefCheckExtension.class)
public @interface RefCheck {

    /**
     * SQL scripts run in order into the template database: {@code classpath:db/schema.sql},
     * {@code file:src/test/sql/schema.sql} or a bare path (classpath first, then file). pg_dump output works.
     * Dataset files among them ({@code .yml}, {@code .yaml}, {@code .json}, {@code .csv}) are loaded into the
     * template too, after the scripts and migrations, in FK order: rows every test shares, loaded once.
     * When empty, {@code refcheck.schema} from the configuration is used.
     */
    String[] schema() default {};

    /** Flyway locations ({@code classpath:db/migration}), run after the scripts; needs Flyway on the classpath. */
    String[] migrations() default {};

    /** How tests are kept apart; {@code INFERRED} reads {@code refcheck.isolation} (default TRANSACTION). */
    Isolation isolation() default Isolation.INFERRED;

    /** Where the server comes from; {@code INFERRED} reads {@code refcheck.provider} (default AUTO). */
    Provider provider() default Provider.INFERRED;

    /** Marks a field to receive a {@code DataSource}, {@code Connection} or {@code TestDatabase} before each test. */
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface Inject {
    }
}
