package dev.refcheck.postgres;

import java.util.Objects;

/**
 * Which server a test wants; equal specs share one server per JVM.
 *
 * @param provider AUTO, CONTAINER, EMBEDDED or EXTERNAL
 * @param image the container image (CONTAINER and AUTO)
 * @param externalUrl the JDBC URL of an external server (EXTERNAL)
 * @param externalUser the external server's user
 * @param externalPassword the external server's password; never printed
 * @param cacheDataDirectory whether an embedded server keeps its data directory (and templates) across runs
 */
public record ServerSpec(Provider provider, String image, String externalUrl, String externalUser,
                         String externalPassword, boolean cacheDataDirectory) {

    /** The image used when none is configured: the official image, the same major as the embedded binaries. */
    public static final String DEFAULT_IMAGE = "postgres:17";

    public ServerSpec {
        Objects.requireNonNull(provider, "provider");
        if (provider == Provider.INFERRED) {
            throw new IllegalArgumentException("provider must be resolved before a server is started");
        }
        if (provider != Provider.AUTO && provider != Provider.CONTAINER) {
            image = null; // so that equal servers compare equal
        }
        if (provider != Provider.AUTO && provider != Provider.EMBEDDED) {
            cacheDataDirectory = false;
        }
    }

    /** An embedded server of its own, without the data-directory cache (for tools and tests). */
    public static ServerSpec embedded() {
        return new ServerSpec(Provider.EMBEDDED, null, null, null, null, false);
    }

    @Override
    public String toString() {
        return switch (provider) {
            case EXTERNAL -> "external " + Redaction.url(externalUrl);
            case CONTAINER -> "container " + image;
            default -> provider.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
