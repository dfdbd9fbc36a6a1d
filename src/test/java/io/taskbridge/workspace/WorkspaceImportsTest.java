package io.taskbridge.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package sits below every adapter (DESIGN: {@code workspace} may import only {@code platform}):
 * its stores use Jdbi and platform, and the policy is pure: its sources import the JDK and nothing else.
 */
class WorkspaceImportsTest {
    private static final Path SOURCES = Path.of("src/main/java/io/taskbridge/workspace");

    /** The policy's own files: what decides who may do what. */
    private static final List<String> POLICY = List.of("PermissionPolicy.java", "Decision.java", "Admins.java",
            "ConversationKind.java", "Actor.java", "TaskFacts.java", "Origin.java", "TaskAction.java", "RestAction.java",
            "ApiKeyHolder.java", "KeyRole.java", "Conversation.java", "WorkspaceAdmins.java");

    @Test
    void thePolicyImportsOnlyTheJdk() throws IOException {
        assertThat(imports(f -> POLICY.contains(f.getFileName().toString())))
                .isNotEmpty().allMatch(line -> line.matches("import (static )?java\\..*"));
    }

    @Test
    void thePackageImportsOnlyTheJdkJdbiAndPlatform() throws IOException {
        assertThat(imports(f -> true)).isNotEmpty()
                .allMatch(line -> line.matches("import (static )?(java\\.|org\\.jdbi\\.|io\\.taskbridge\\.platform\\.).*"));
    }

    private static List<String> imports(java.util.function.Predicate<Path> which) throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(which)
                    .flatMap(WorkspaceImportsTest::lines)
                    .filter(line -> line.startsWith("import "))
                    .toList();
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip);
        } catch (IOException e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }
}
