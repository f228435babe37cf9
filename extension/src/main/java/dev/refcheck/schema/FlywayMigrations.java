package dev.refcheck.schema;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Flyway is optional: this class is loaded only when migrations are asked for and Flyway is present. */
final class FlywayMigrations {

    private FlywayMigrations() {
    }

    static void requireFlyway(List<String> locations) {
        try {
            Class.forName("org.flywaydb.core.Flyway", false, FlywayMigrations.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new SchemaException(String.join(", ", locations), 0, null,
                    "Flyway migrations were asked for but Flyway is not on the classpath; add the test dependencies"
                            + " org.flywaydb:flyway-core and org.flywaydb:flyway-database-postgresql");
        }
    }

    /** {@code afterScripts}: the schema's scripts ran first, so Flyway finds tables but no history of its own. */
    static void migrate(String jdbcUrl, String user, String password, List<String> locations, boolean afterScripts) {
        try {
            Flyway.configure()
                    .dataSource(jdbcUrl, user, password)
                    .locations(locations.toArray(String[]::new))
                    .cleanDisabled(true)
                    .failOnMissingLocations(true)
                    // a baseline below V1, so that every migration still runs on top of the scripts
                    .baselineOnMigrate(afterScripts)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new SchemaException(String.join(", ", locations), 0, null,
                    "Flyway migration failed: " + e.getMessage(), e);
        }
    }
}
