package dev.refcheck.jupiter;

import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.Provider;
import dev.refcheck.postgres.ServerSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * refcheck's configuration for one test class. Each key is read from, in this order: the annotation
 * attribute, a system property, an environment variable ({@code refcheck.container.image} is
 * {@code REFCHECK_CONTAINER_IMAGE}), then JUnit's configuration parameters ({@code junit-platform.properties}).
 */
final class Settings {

    static final String PROVIDER_PROPERTY_NAME = "refcheck.provider";
    static final String ISOLATION_PROPERTY_NAME = "refcheck.isolation";
    static final String SCHEMA_PROPERTY_NAME = "refcheck.schema";
    static final String MIGRATIONS_PROPERTY_NAME = "refcheck.migrations";
    static final String IMAGE_PROPERTY_NAME = "refcheck.container.image";
    static final String EXTERNAL_URL_PROPERTY_NAME = "refcheck.external.url";
    static final String EXTERNAL_USER_PROPERTY_NAME = "refcheck.external.user";
    static final String EXTERNAL_PASSWORD_PROPERTY_NAME = "refcheck.external.password";
    static final String EMBEDDED_CACHE_PROPERTY_NAME = "refcheck.embedded.cache";
    static final String EXTERNAL_USE_DATABASE_PROPERTY_NAME = "refcheck.external.use-database";
    static final String EXTERNAL_ALLOW_CLEANUP_PROPERTY_NAME = "refcheck.external.allow-cleanup";

    /** A configured value and where it came from, for messages. */
    record Value(String key, String text, String origin) {
    }

    final ServerSpec server;
    final Isolation isolation;
    final List<String> schema;
    final List<String> migrations;
    /** Tests run in the external URL's own database instead of databases refcheck creates. */
    final boolean useExistingDatabase;
    /** CLEAN may delete rows in that existing database. */
    final boolean allowCleanup;

    private Settings(ServerSpec server, Isolation isolation, List<String> schema, List<String> migrations,
                     boolean useExistingDatabase, boolean allowCleanup) {
        this.server = server;
        this.isolation = isolation;
        this.schema = schema;
        this.migrations = migrations;
        this.useExistingDatabase = useExistingDatabase;
        this.allowCleanup = allowCleanup;
    }

    static Settings resolve(RefCheck annotation, ExtensionContext context) {
        Provider provider = annotation.provider() != Provider.INFERRED ? annotation.provider()
                : value(context, PROVIDER_PROPERTY_NAME).map(v -> parse(v, Provider.class)).orElse(Provider.AUTO);
        Isolation isolation = annotation.isolation() != Isolation.INFERRED ? annotation.isolation()
                : value(context, ISOLATION_PROPERTY_NAME).map(v -> parse(v, Isolation.class))
                        .orElse(Isolation.TRANSACTION);
        List<String> schema = annotation.schema().length > 0 ? List.of(annotation.schema())
                : value(context, SCHEMA_PROPERTY_NAME).map(Settings::list).orElse(List.of());
        List<String> migrations = annotation.migrations().length > 0 ? List.of(annotation.migrations())
                : value(context, MIGRATIONS_PROPERTY_NAME).map(Settings::list).orElse(List.of());
        String image = value(context, IMAGE_PROPERTY_NAME).map(Value::text).orElse(ServerSpec.DEFAULT_IMAGE);
        String url = null;
        String user = null;
        String password = null;
        if (provider == Provider.EXTERNAL) {
            url = value(context, EXTERNAL_URL_PROPERTY_NAME).map(Value::text).orElseThrow(() ->
                    new ExtensionConfigurationException("[" + EXTERNAL_URL_PROPERTY_NAME + "] must be set when "
                            + PROVIDER_PROPERTY_NAME + " is external, for example"
                            + " -D" + EXTERNAL_URL_PROPERTY_NAME + "=jdbc:postgresql://localhost:5432/postgres"));
            if (!url.startsWith("jdbc:postgresql://")) {
                throw new ExtensionConfigurationException("[" + EXTERNAL_URL_PROPERTY_NAME
                        + "] must be a PostgreSQL JDBC URL starting with jdbc:postgresql://, but was '"
                        + url.replaceAll("(?i)password=[^&]*", "password=***") + "'");
            }
            user = value(context, EXTERNAL_USER_PROPERTY_NAME).map(Value::text).orElse(null);
            password = value(context, EXTERNAL_PASSWORD_PROPERTY_NAME).map(Value::text).orElse(null);
        }
        boolean cache = value(context, EMBEDDED_CACHE_PROPERTY_NAME).map(Settings::bool).orElse(true);
        Optional<Value> useDatabase = value(context, EXTERNAL_USE_DATABASE_PROPERTY_NAME);
        boolean existing = useDatabase.map(Settings::bool).orElse(false);
        boolean allowCleanup = value(context, EXTERNAL_ALLOW_CLEANUP_PROPERTY_NAME).map(Settings::bool).orElse(false);
        if (existing) {
            checkExistingDatabase(provider, isolation, schema, migrations, allowCleanup, useDatabase.get());
        }
        return new Settings(new ServerSpec(provider, image, url, user, password, cache), isolation, schema,
                migrations, existing, allowCleanup);
    }

    /** Using a database refcheck did not create: nothing applied, nothing cloned, nothing deleted unless allowed. */
    private static void checkExistingDatabase(Provider provider, Isolation isolation, List<String> schema,
                                              List<String> migrations, boolean allowCleanup, Value origin) {
        if (provider != Provider.EXTERNAL) {
            throw new ExtensionConfigurationException("[" + EXTERNAL_USE_DATABASE_PROPERTY_NAME + "] applies only"
                    + " when " + PROVIDER_PROPERTY_NAME + " is external, but the provider is "
                    + provider.name().toLowerCase(Locale.ROOT) + " (from " + origin.origin() + ")");
        }
        if (!schema.isEmpty() || !migrations.isEmpty()) {
            throw new ExtensionConfigurationException("[" + SCHEMA_PROPERTY_NAME + "] must be empty when "
                    + EXTERNAL_USE_DATABASE_PROPERTY_NAME + " is true: refcheck applies a schema only to databases"
                    + " it creates, and uses an existing database as it is. Remove the schema, or set "
                    + EXTERNAL_USE_DATABASE_PROPERTY_NAME + "=false to let refcheck create its own databases.");
        }
        if (isolation == Isolation.FRESH || isolation == Isolation.FRESH_PER_CLASS) {
            throw new ExtensionConfigurationException("[" + ISOLATION_PROPERTY_NAME + "] must be transaction or"
                    + " clean when " + EXTERNAL_USE_DATABASE_PROPERTY_NAME + " is true: "
                    + isolation.name().toLowerCase(Locale.ROOT) + " clones a template refcheck builds.");
        }
        if (isolation == Isolation.CLEAN && !allowCleanup) {
            throw new ExtensionConfigurationException("[" + ISOLATION_PROPERTY_NAME + "] clean deletes the rows each"
                    + " test touched, in a database refcheck did not create. Set "
                    + EXTERNAL_ALLOW_CLEANUP_PROPERTY_NAME + "=true to allow that, or use transaction isolation.");
        }
    }

    /** System property, then environment variable, then JUnit configuration parameter; blank means unset. */
    static Optional<Value> value(ExtensionContext context, String key) {
        String property = System.getProperty(key);
        if (property != null && !property.isBlank()) {
            return Optional.of(new Value(key, property.strip(), "system property " + key));
        }
        String variable = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        String env = System.getenv(variable);
        if (env != null && !env.isBlank()) {
            return Optional.of(new Value(key, env.strip(), "environment variable " + variable));
        }
        return context.getConfigurationParameter(key).filter(v -> !v.isBlank())
                .map(v -> new Value(key, v.strip(), "configuration parameter " + key));
    }

    static <E extends Enum<E>> E parse(Value value, Class<E> type) {
        String allowed = Arrays.stream(type.getEnumConstants()).filter(e -> !e.name().equals("INFERRED"))
                .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        try {
            E parsed = Enum.valueOf(type, value.text().toUpperCase(Locale.ROOT).replace('-', '_'));
            if (!parsed.name().equals("INFERRED")) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ExtensionConfigurationException("[" + value.key() + "] must be one of " + allowed + ", but was '"
                + value.text() + "' (from " + value.origin() + ")");
    }

    static boolean bool(Value value) {
        return switch (value.text().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ExtensionConfigurationException("[" + value.key() + "] must be true or false, but was '"
                    + value.text() + "' (from " + value.origin() + ")");
        };
    }

    private static List<String> list(Value value) {
        return Arrays.stream(value.text().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
