package dev.refcheck.postgres;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the server a {@link ServerSpec} asks for; for AUTO, the first provider that works. */
final class Servers {

    private static final Logger LOG = LoggerFactory.getLogger("dev.refcheck");

    private Servers() {
    }

    static PostgresServer start(ServerSpec spec) {
        List<String> tried = new ArrayList<>();
        RuntimeException last = null;
        List<Provider> order = switch (spec.provider()) {
            case AUTO -> List.of(Provider.CONTAINER, Provider.EMBEDDED);
            default -> List.of(spec.provider());
        };
        String reason = "";
        for (Provider provider : order) {
            if (spec.provider() == Provider.AUTO && provider == Provider.CONTAINER) {
                String noDocker = ContainerServer.dockerUnavailableReason();
                if (noDocker != null) {
                    tried.add("container (" + spec.image() + "): skipped, " + noDocker);
                    reason = "Docker is not available (" + noDocker + ")";
                    continue;
                }
            }
            long start = System.nanoTime();
            try {
                PostgresServer server = start(provider, spec);
                long millis = (System.nanoTime() - start) / 1_000_000;
                String why = switch (spec.provider()) {
                    case AUTO -> provider == Provider.CONTAINER ? "provider auto: Docker answered"
                            : "provider auto: " + (reason.isEmpty() ? "fallback" : reason);
                    default -> "provider " + provider.name().toLowerCase(java.util.Locale.ROOT) + " configured";
                };
                String warm = server instanceof EmbeddedServer embedded && embedded.warm()
                        ? ", warm start from the cached data directory" : "";
                LOG.info("refcheck: using {}{} (started in {} ms; {})", server.description(), warm, millis, why);
                return server;
            } catch (Exception | LinkageError e) {
                String message = Redaction.message(rootMessage(e), spec.externalPassword());
                tried.add(describe(provider, spec) + ": " + message);
                reason = describe(provider, spec) + " failed: " + message;
                last = e instanceof RuntimeException r ? r : new RuntimeException(message, e);
                if (spec.provider() == Provider.AUTO) {
                    LOG.warn("refcheck: {} could not start: {}", describe(provider, spec), message);
                }
            }
        }
        StringBuilder message = new StringBuilder("refcheck could not start PostgreSQL (provider ")
                .append(spec.provider().name().toLowerCase(java.util.Locale.ROOT)).append("). Tried:");
        tried.forEach(t -> message.append("\n  - ").append(t));
        message.append("\nStart Docker, let embedded PostgreSQL run (it needs a Linux, macOS or Windows x86_64/arm64"
                + " binaries jar on the classpath), or name a server you run with refcheck.provider=external and"
                + " refcheck.external.url / .user / .password.");
        throw new ServerStartException(message.toString(), last);
    }

    private static PostgresServer start(Provider provider, ServerSpec spec) throws Exception {
        return switch (provider) {
            case CONTAINER -> ContainerServer.start(spec.image());
            case EMBEDDED -> EmbeddedServer.start(spec.cacheDataDirectory());
            case EXTERNAL -> ExternalServer.connect(spec.externalUrl(), spec.externalUser(), spec.externalPassword());
            default -> throw new IllegalArgumentException(provider.name());
        };
    }

    private static String describe(Provider provider, ServerSpec spec) {
        return switch (provider) {
            case CONTAINER -> "container (" + spec.image() + ")";
            case EXTERNAL -> "external (" + Redaction.url(spec.externalUrl()) + ")";
            default -> "embedded";
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = message == null ? t.getMessage() : message + " <- " + t.getMessage();
            }
        }
        return message == null ? e.getClass().getName() : message;
    }
}
