package dev.refcheck.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refcheck.graph.TableGraph;
import dev.refcheck.jupiter.RefCheck;
import dev.refcheck.postgres.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The user guide's code is the samples' code: each java block of the README, under a
 * {@code <!-- snippet: SampleClass -->} line, must be consecutive lines of that sample (indentation aside), and
 * each yaml block, under {@code <!-- snippet: samples/file.yml -->}, lines of that test resource, so the
 * guide shows code that compiles and passes, not code pasted once and left to rot. Its mermaid picture of the
 * chinook FK graph is likewise what {@code TableGraph.toMermaid()} draws from S12's schema.
 */
@DisplayName("README: its code is taken from the samples")
class ReadmeTest {

    /** The repository's README; the samples run from the samples module's directory. */
    private static final Path README = Path.of("..", "README.md");

    private static final Pattern SNIPPET =
            Pattern.compile("<!-- snippet: ([\\w/.-]+) -->\\R```(?:java|yaml)\\R(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaAndYamlBlockIsTakenFromTheFileItNames() throws IOException {
        String fragment = Files.readString(README);
        Matcher snippet = SNIPPET.matcher(fragment);
        int found = 0;
        while (snippet.find()) {
            found++;
            List<String> source = stripped(Files.readString(snippet.group(1).contains("/")
                    ? Path.of("src/test/resources", snippet.group(1)) // a dataset file
                    : Path.of("src/test/java/dev/refcheck/samples", snippet.group(1) + ".java")));
            assertThat(source).as("%s should contain, in this order:%n%s", snippet.group(1), snippet.group(2))
                    .containsSequence(stripped(snippet.group(2)));
        }
        assertThat(found).as("snippets in README.md").isEqualTo(fragment.split("```java", -1).length
                + fragment.split("```yaml", -1).length - 2)
                .isPositive();
    }

    /** The picture of chinook's FK graph is refcheck's own drawing of it, redrawn here so that it cannot go stale. */
    @Nested
    @RefCheck(schema = "classpath:samples/chinook/schema.sql")
    class ChinookGraph {

        @Test
        void theMermaidBlockIsWhatToMermaidDraws(TestDatabase database) throws IOException {
            String fragment = Files.readString(README);
            assertThat(fragment.split("```mermaid", -1)).as("one mermaid block, the one checked here").hasSize(2);
            Matcher mermaid = Pattern.compile("```mermaid\\R(.*?)```", Pattern.DOTALL).matcher(fragment);
            assertThat(mermaid.find()).as("a mermaid block in README.md").isTrue();
            assertThat(mermaid.group(1).strip()).as("README.md's mermaid block is stale: replace it with"
                    + " what toMermaid() draws now (expected)").isEqualTo(TableGraph.of(database.catalog()).toMermaid()
                    .strip());
        }
    }

    private static List<String> stripped(String text) {
        List<String> lines = new ArrayList<>();
        text.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(lines::add);
        return lines;
    }
}
