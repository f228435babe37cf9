package dev.refcheck.jupiter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Loads dataset files into the test's database before each test, in FK order, all or nothing. On the class (or an
 * enclosing class) for every test, on a method for that test (after the class's). Needs {@link RefCheck}. A test can
 * take the {@code dev.refcheck.fixtures.LoadResult} as a parameter to see generated keys and auto-parents.
 *
 * <pre>{@code
 * @RefCheck(schema = "classpath:db/shop.sql")
 * @Dataset("classpath:datasets/customers.yml")
 * class OrderTest { … }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DatasetExtension.class)
public @interface Dataset {

    /** {@code classpath:…} or file paths ending in {@code .yml}, {@code .yaml}, {@code .json} or {@code .csv}. */
    String[] value();

    /** Generate a minimal parent for each row whose parent is in neither the files nor the database. */
    boolean autoParents() default false;
}
