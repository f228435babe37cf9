package dev.refcheck.schema;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What a test's database must contain before its first test: SQL scripts, run in order, then Flyway
 * migrations, then dataset files (rows every test shares, loaded in FK order). Read once; its
 * {@link #fingerprint()} names the content, so equal schemas share one template.
 */
public final class SchemaSource {

    /** Bumped when the way refcheck builds templates changes, so old templates are not reused. */
    private static final String LAYOUT_VERSION = "refcheck-template-1";

    /** PostgreSQL's context line for a bad COPY row: "COPY t, line 3, column id: ..." */
    private static final Pattern COPY_ROW = Pattern.compile("^COPY .*?, line (\\d+)");

    private record Script(String location, String text) {
    }

    private final List<Script> scripts;
    private final List<String> migrationLocations;
    /** location -> text of each dataset file ({@code .yml}, {@code .yaml}, {@code .json}, {@code .csv}) */
    private final Map<String, String> datasets;
    private final String fingerprint;

    private SchemaSource(List<Script> scripts, List<String> migrationLocations, Map<String, String> datasets,
                         String fingerprint) {
        this.scripts = scripts;
        this.migrationLocations = migrationLocations;
        this.datasets = datasets;
        this.fingerprint = fingerprint;
    }

    /**
     * Reads the scripts now, so a missing file is reported before any server starts.
     *
     * @param scriptLocations {@code classpath:db/schema.sql}, {@code file:sql/schema.sql}, or a bare path
     *                        (the classpath first, then the file system); dataset files among them are loaded
     *                        after the scripts and migrations
     * @param migrationLocations Flyway locations ({@code classpath:db/migration}, {@code filesystem:...})
     */
    public static SchemaSource of(List<String> scriptLocations, List<String> migrationLocations, ClassLoader loader) {
        MessageDigest digest = sha256();
        digest.update(LAYOUT_VERSION.getBytes(StandardCharsets.UTF_8));
        List<Script> scripts = new ArrayList<>();
        Map<String, String> datasets = new LinkedHashMap<>();
        for (String location : scriptLocations) {
            String text = read(location, loader);
            if (isDataset(location)) {
                datasets.put(location, text);
                update(digest, "dataset " + location.substring(location.lastIndexOf('/') + 1), text);
            } else {
                scripts.add(new Script(location, text));
                update(digest, "script", text);
            }
        }
        if (!migrationLocations.isEmpty()) {
            FlywayMigrations.requireFlyway(migrationLocations);
            for (String location : migrationLocations) {
                update(digest, "migrations", location);
                for (Map.Entry<String, String> file : migrationFiles(location, loader).entrySet()) {
                    update(digest, file.getKey(), file.getValue());
                }
            }
        }
        return new SchemaSource(List.copyOf(scripts), List.copyOf(migrationLocations),
                Collections.unmodifiableMap(datasets),
                HexFormat.of().formatHex(digest.digest()));
    }

    private static boolean isDataset(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yml") || lower.endsWith(".yaml") || lower.endsWith(".json") || lower.endsWith(".csv");
    }

    /** Location and text of each dataset file, in the order given: loaded after the scripts and migrations. */
    public Map<String, String> datasets() {
        return datasets;
    }

    /** A hex SHA-256 of everything that goes into the schema. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Runs the scripts on {@code connection} (auto-commit), then the migrations through {@code jdbcUrl}. */
    public void applyTo(Connection connection, String jdbcUrl, String user, String password) throws SQLException {
        for (Script script : scripts) {
            run(script, connection);
        }
        if (!migrationLocations.isEmpty()) {
            FlywayMigrations.migrate(jdbcUrl, user, password, migrationLocations, !scripts.isEmpty());
        }
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        scripts.forEach(s -> parts.add(s.location()));
        migrationLocations.forEach(m -> parts.add("migrations " + m));
        parts.addAll(datasets.keySet());
        return parts.isEmpty() ? "no schema" : String.join(", ", parts);
    }

    private static void run(Script script, Connection connection) throws SQLException {
        List<SqlScript.Statement> statements = SqlScript.parse(script.location(), script.text());
        try (Statement jdbc = connection.createStatement()) {
            for (SqlScript.Statement statement : statements) {
                try {
                    if (statement.copyData() != null) {
                        connection.unwrap(PGConnection.class).getCopyAPI()
                                .copyIn(statement.sql(), new StringReader(statement.copyData()));
                    } else {
                        jdbc.execute(statement.sql());
                    }
                } catch (SQLException e) {
                    throw refused(script.location(), statement, e);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static SchemaException refused(String location, SqlScript.Statement statement, SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server == null) {
            return new SchemaException(location, statement.line(), statement.sql(),
                    "the statement failed: " + e.getMessage(), e);
        }
        int line = server.getPosition() > 0 ? statement.lineOf(server.getPosition()) : statement.line();
        Matcher copyRow = server.getWhere() == null || statement.copyData() == null ? null
                : COPY_ROW.matcher(server.getWhere());
        if (copyRow != null && copyRow.find()) {
            line = statement.copyDataLine(Integer.parseInt(copyRow.group(1)));
        }
        StringBuilder problem = new StringBuilder("PostgreSQL refused the statement: ")
                .append(server.getMessage()).append(" (SQLSTATE ").append(server.getSQLState()).append(')');
        if (server.getPosition() > 0) {
            problem.append(", at position ").append(server.getPosition()).append(" of the statement (line ")
                    .append(line).append(", column ").append(statement.columnOf(server.getPosition())).append(')');
        }
        if (server.getDetail() != null) {
            problem.append("\n  detail: ").append(server.getDetail());
        }
        if (server.getHint() != null) {
            problem.append("\n  hint: ").append(server.getHint());
        }
        if (server.getWhere() != null) {
            problem.append("\n  where: ").append(server.getWhere());
        }
        return new SchemaException(location, line, statement.sql(), problem.toString(), e);
    }

    private static String read(String location, ClassLoader loader) {
        Objects.requireNonNull(location, "schema location");
        if (location.startsWith("classpath:")) {
            String path = stripSlash(location.substring("classpath:".length()));
            URL url = loader.getResource(path);
            if (url == null) {
                throw new SchemaException(location, 0, null,
                        "not found on the classpath (looked for resource '" + path
                                + "'); put it under src/test/resources or fix the path");
            }
            return readUrl(location, url);
        }
        if (location.startsWith("file:")) {
            return readFile(location, Paths.get(location.substring("file:".length())));
        }
        URL url = loader.getResource(stripSlash(location));
        if (url != null) {
            return readUrl(location, url);
        }
        Path file = Paths.get(location);
        if (Files.isRegularFile(file)) {
            return readFile(location, file);
        }
        throw new SchemaException(location, 0, null,
                "not found on the classpath nor as the file " + file.toAbsolutePath()
                        + "; prefix it with classpath: or file: and check the path");
    }

    private static String readUrl(String location, URL url) {
        try (var in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SchemaException(location, 0, null, "could not be read: " + e.getMessage(), e);
        }
    }

    private static String readFile(String location, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SchemaException(location, 0, null,
                    "no such file " + file.toAbsolutePath() + " (relative paths start at " 
                            + Paths.get("").toAbsolutePath() + ")");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SchemaException(location, 0, null, "could not be read: " + e.getMessage(), e);
        }
    }

    /** The SQL files under a Flyway location, by relative path, for the fingerprint. */
    private static Map<String, String> migrationFiles(String location, ClassLoader loader) {
        Map<String, String> files = new TreeMap<>();
        try {
            Path root;
            FileSystem jar = null;
            if (location.startsWith("filesystem:")) {
                root = Paths.get(location.substring("filesystem:".length()));
            } else {
                String path = stripSlash(location.startsWith("classpath:") ? location.substring(10) : location);
                URL url = loader.getResource(path);
                if (url == null) {
                    throw new SchemaException(location, 0, null,
                            "migration location not found on the classpath (looked for '" + path + "')");
                }
                URI uri = url.toURI();
                if (uri.getScheme().equals("jar")) {
                    try {
                        jar = FileSystems.newFileSystem(uri, Map.of());
                    } catch (FileSystemAlreadyExistsException e) {
                        jar = null;
                    }
                    root = Paths.get(uri);
                } else {
                    root = Paths.get(uri);
                }
            }
            if (!Files.isDirectory(root)) {
                throw new SchemaException(location, 0, null, "migration location is not a directory: " + root);
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                    files.put(root.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
                }
            } finally {
                if (jar != null) {
                    jar.close();
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new SchemaException(location, 0, null, "migrations could not be read: " + e.getMessage(), e);
        }
        return files;
    }

    private static String stripSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static void update(MessageDigest digest, String name, String text) {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
