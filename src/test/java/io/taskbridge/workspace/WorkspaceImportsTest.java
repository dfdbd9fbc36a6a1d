package io.taskbridge.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The policy is pure and sits below every adapter: its sources import the JDK and nothing else
 * (DESIGN: {@code workspace} may import only {@code platform}; the policy needs not even that).
 */
class WorkspaceImportsTest {
    private static final Path SOURCES = Path.of("src/main/java/io/taskbridge/workspace");

    @Test
    void importsOnlyTheJdk() throws IOException {
        List<String> imports;
        try (Stream<Path> files = Files.list(SOURCES)) {
            imports = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(WorkspaceImportsTest::lines)
                    .filter(line -> line.startsWith("import "))
                    .toList();
        }
        assertThat(imports).isNotEmpty().allMatch(line -> line.matches("import (static )?java\\..*"));
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip);
        } catch (IOException e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }
}
