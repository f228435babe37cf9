package dev.refcheck.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The user guide's code is the samples' code: each java block of README-fragment.md, under a
 * {@code <!-- snippet: SampleClass -->} line, must be consecutive lines of that sample (indentation aside), so the
 * guide shows code that compiles and passes, not code pasted once and left to rot.
 */
@DisplayName("README fragment: its code is taken from the samples")
class ReadmeFragmentTest {

    private static final Pattern SNIPPET =
            Pattern.compile("<!-- snippet: (\\w+) -->\\R```java\\R(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaBlockIsTakenFromTheSampleItNames() throws IOException {
        String fragment = Files.readString(Path.of("README-fragment.md"));
        Matcher snippet = SNIPPET.matcher(fragment);
        int found = 0;
        while (snippet.find()) {
            found++;
            List<String> source = stripped(Files.readString(
                    Path.of("src/test/java/dev/refcheck/samples", snippet.group(1) + ".java")));
            assertThat(source).as("%s should contain, in this order:%n%s", snippet.group(1), snippet.group(2))
                    .containsSequence(stripped(snippet.group(2)));
        }
        assertThat(found).as("snippets in README-fragment.md").isEqualTo(fragment.split("```java", -1).length - 1)
                .isPositive();
    }

    private static List<String> stripped(String text) {
        List<String> lines = new ArrayList<>();
        text.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(lines::add);
        return lines;
    }
}
