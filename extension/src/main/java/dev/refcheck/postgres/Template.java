package dev.refcheck.postgres;

/**
 * A database holding one schema, never used by tests directly: every test database is cloned from it.
 *
 * @param name the database name
 * @param fingerprint the schema's content hash
 * @param baseline what the schema put in it (rows, sequence values, deferred constraints)
 * @param existing true for a database refcheck did not create, which tests use in place (never cloned)
 */
public record Template(String name, String fingerprint, Baseline baseline, boolean existing) {
}
