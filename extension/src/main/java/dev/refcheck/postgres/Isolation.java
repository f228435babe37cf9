package dev.refcheck.postgres;

/** How one test is kept from seeing another test's rows. */
public enum Isolation {

    /**
     * The test runs in one transaction that is rolled back afterwards; the injected {@code Connection}
     * and {@code DataSource} take part in it. The cheapest mode and the default.
     */
    TRANSACTION,

    /**
     * The test commits for real; afterwards the rows of the tables it touched are deleted (in one
     * FK-safe statement) and the schema's own rows restored. Needs no superuser.
     */
    CLEAN,

    /** Each test method gets a new database cloned from the schema's template, dropped afterwards. */
    FRESH,

    /** Each test class gets a new database cloned from the schema's template; its methods share it. */
    FRESH_PER_CLASS,

    /** Not set here: taken from the configuration (system property, environment, junit-platform.properties). */
    INFERRED
}
