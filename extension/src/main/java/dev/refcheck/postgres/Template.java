package dev.refcheck.postgres;

/**
 * A database holding one schema, never used by tests directly: every test database is cloned from it.
 *
 * @param name the database name
 * @param fingerprint the schema's content hash
 * @param baseline what the schema put in it (rows, sequence values, deferred constraints)
 */
public record Template(String name, String fingerprint, Baseline baseline) {
}
