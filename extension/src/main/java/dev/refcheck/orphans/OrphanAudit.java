package dev.refcheck.orphans;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tunes the orphan audit refcheck runs after every test of a {@code @RefCheck} class. On a method it wins over
 * the class; on the class it wins over the configuration keys {@code refcheck.orphans.enabled},
 * {@code refcheck.orphans.strict}, {@code refcheck.orphans.full}. Logical FKs add up (configuration
 * {@code refcheck.orphans.logical}, class, method).
 *
 * <pre>{@code
 * @RefCheck(schema = "classpath:db/shop.sql")
 * @OrphanAudit(logical = "review(sku) -> product(sku)")
 * class ReviewTest {
 *     @Test @OrphanAudit(enabled = false) void importsLegacyRows(Connection c) { ... }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface OrphanAudit {

    /** False turns the audit (and the deferred-constraint check) off. */
    boolean enabled() default true;

    /** True fails the test on orphans that were there before it, too. */
    boolean strict() default false;

    /** True audits every FK, not only those whose tables the test touched. */
    boolean full() default false;

    /** Relations without a constraint, {@code child(a, b) -> parent(x, y) [MATCH FULL]}, audited like FKs. */
    String[] logical() default {};
}
