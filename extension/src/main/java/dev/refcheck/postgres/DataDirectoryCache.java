package dev.refcheck.postgres;

import java.io.IOException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * An embedded data directory kept across JVM runs, so a warm start skips initdb and finds the templates of
 * the schemas it has seen before. Keyed by the binaries on the classpath (their jar names the PostgreSQL
 * version). One JVM at a time uses it, under a file lock; a JVM that finds it locked runs cold in a
 * directory of its own. The directory counts as ready only after a clean shutdown, so a crashed run
 * leaves nothing half-made to start from.
 */
final class DataDirectoryCache {

    private static final String READY = "refcheck-cache-ready";

    /**
     * Caches this JVM holds. POSIX locks belong to the process, and closing any channel on the lock file
     * releases them all: so a second server in the same JVM must not even open the file.
     */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path root;

    private DataDirectoryCache(Path root) {
        this.root = root;
    }

    /** A cache in {@code root} (tests). */
    static DataDirectoryCache at(Path root) {
        return new DataDirectoryCache(root);
    }

    /** The cache for the embedded binaries on the classpath, if they can be identified. */
    static Optional<DataDirectoryCache> forClasspathBinaries() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String system = os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux";
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String architecture = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") ? "arm_64" : arch;
        URL binaries = DataDirectoryCache.class.getClassLoader()
                .getResource("postgres-" + system + "-" + architecture + ".txz");
        if (binaries == null) {
            return Optional.empty();
        }
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "refcheck-embedded", hash(binaries.toString()));
        return Optional.of(new DataDirectoryCache(root));
    }

    /** The data directory for this run: the cached one when it is free, else a private new one. */
    Run prepare() throws IOException {
        Files.createDirectories(root);
        Path privateRun = root.resolve("run-" + UUID.randomUUID());
        if (!HELD.add(root)) {
            return new Run(privateRun, false, null); // this JVM already runs a server on the cache
        }
        FileLock lock = null;
        try {
            FileChannel channel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            lock = channel.tryLock();
            if (lock == null) {
                channel.close(); // another JVM holds it; this JVM held no lock on the file, so nothing is lost
                HELD.remove(root);
                return new Run(privateRun, false, null);
            }
            Path data = root.resolve("data");
            boolean warm = Files.exists(data.resolve(READY)) && !Files.exists(data.resolve("postmaster.pid"));
            if (warm) {
                Files.delete(data.resolve(READY));
            } else {
                delete(data);
            }
            return new Run(data, warm, lock);
        } catch (IOException | RuntimeException e) {
            if (lock != null) {
                lock.channel().close();
            }
            HELD.remove(root);
            throw e;
        }
    }

    /**
     * A run's data directory, whether it holds a previous run's state, and the cache lock when it is the
     * cached directory (null for a private one).
     */
    record Run(Path directory, boolean warm, FileLock lock) {

        /** After a failed start: nothing here is worth keeping. */
        void abandon() throws IOException {
            try {
                delete(directory);
            } finally {
                if (lock != null) {
                    release(this);
                }
            }
        }

        /** After the server stopped: keep the cached directory for the next run, or delete a private one. */
        void finish() throws IOException {
            if (lock == null) {
                delete(directory);
                return;
            }
            try {
                if (!Files.exists(directory.resolve("postmaster.pid"))) {
                    Files.createFile(directory.resolve(READY));
                }
            } finally {
                release(this);
            }
        }
    }

    /** Releases the cache: the lock, then this JVM's claim on it. */
    private static void release(Run run) throws IOException {
        try {
            run.lock().release();
            run.lock().channel().close();
        } finally {
            HELD.remove(run.directory().getParent());
        }
    }

    static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
