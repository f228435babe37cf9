package dev.refcheck.jupiter;

import dev.refcheck.orphans.AuditPolicy;
import dev.refcheck.orphans.LogicalForeignKey;
import dev.refcheck.orphans.OrphanAudit;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.SearchOption;

/** The orphan audit's settings for one test: configuration keys, then {@link OrphanAudit} on the class, then the method. */
final class OrphanSettings {

    static final String ENABLED_PROPERTY_NAME = "refcheck.orphans.enabled";
    static final String STRICT_PROPERTY_NAME = "refcheck.orphans.strict";
    static final String FULL_PROPERTY_NAME = "refcheck.orphans.full";
    static final String LOGICAL_PROPERTY_NAME = "refcheck.orphans.logical";

    private OrphanSettings() {
    }

    static AuditPolicy resolve(ExtensionContext context) {
        boolean enabled = flag(context, ENABLED_PROPERTY_NAME, true);
        boolean strict = flag(context, STRICT_PROPERTY_NAME, false);
        boolean full = flag(context, FULL_PROPERTY_NAME, false);
        List<LogicalForeignKey> logical = new ArrayList<>();
        Optional<Settings.Value> configured = Settings.value(context, LOGICAL_PROPERTY_NAME);
        configured.ifPresent(value -> logical.addAll(parse(List.of(value.text().split(";")), "[" + value.key()
                + "] (from " + value.origin() + ")")));
        Class<?> testClass = context.getRequiredTestClass();
        List<Optional<OrphanAudit>> layers = List.of(
                AnnotationSupport.findAnnotation(testClass, OrphanAudit.class, SearchOption.INCLUDE_ENCLOSING_CLASSES),
                context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, OrphanAudit.class)));
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).isPresent()) {
                OrphanAudit audit = layers.get(i).get();
                enabled = audit.enabled();
                strict = audit.strict();
                full = audit.full();
                AnnotatedElement where = i == 0 ? testClass : context.getRequiredTestMethod();
                logical.addAll(parse(List.of(audit.logical()), "[@OrphanAudit(logical)] on " + name(where)));
            }
        }
        // declared twice (configuration and annotation) is audited once
        return new AuditPolicy(enabled, strict, full, List.copyOf(new LinkedHashSet<>(logical)));
    }

    private static boolean flag(ExtensionContext context, String key, boolean otherwise) {
        return Settings.value(context, key).map(value -> switch (value.text().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ExtensionConfigurationException("[" + key + "] must be true or false, but was '"
                    + value.text() + "' (from " + value.origin() + ")");
        }).orElse(otherwise);
    }

    private static List<LogicalForeignKey> parse(List<String> texts, String where) {
        List<LogicalForeignKey> keys = new ArrayList<>();
        for (String text : texts) {
            if (text.isBlank()) {
                continue;
            }
            try {
                keys.add(LogicalForeignKey.parse(text.strip()));
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
            }
        }
        return keys;
    }

    private static String name(AnnotatedElement element) {
        return element instanceof Class<?> type ? type.getName()
                : ((java.lang.reflect.Method) element).getDeclaringClass().getSimpleName() + "."
                + ((java.lang.reflect.Method) element).getName();
    }
}
