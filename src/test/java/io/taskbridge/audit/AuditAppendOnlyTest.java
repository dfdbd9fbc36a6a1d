package io.taskbridge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskbridge.platform.Database;
import io.taskbridge.testing.Databases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Nothing in the product edits or deletes the audit trail: no statement in the code or the
 * migrations changes a row of it, and the database itself refuses to, on both databases.
 */
class AuditAppendOnlyTest {
    private static final Pattern CHANGES_THE_TRAIL = Pattern.compile(
            "(?is)(UPDATE\\s+\"?audit_events|DELETE\\s+FROM\\s+\"?audit_events|TRUNCATE\\s+(TABLE\\s+)?\"?audit_events"
                    + "|DROP\\s+TABLE\\s+(IF\\s+EXISTS\\s+)?\"?audit_events|ALTER\\s+TABLE\\s+\"?audit_events"
                    + "|DROP\\s+TRIGGER[^;]*audit_events|INSERT\\s+OR\\s+REPLACE\\s+INTO\\s+\"?audit_events"
                    + "|INTO\\s+\"?audit_events[^;]*ON\\s+CONFLICT[^;]*DO\\s+UPDATE)");

    @Test
    void noStatementInTheProductChangesOrRemovesARow() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main")), Files.walk(Path.of("db")))) {
            sources = files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".sql")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(50);
        List<String> offenders = sources.stream().filter(p -> CHANGES_THE_TRAIL.matcher(read(p)).find())
                .map(Path::toString).toList();
        assertThat(offenders).as("files with a statement that changes audit_events").isEmpty();
        // The pattern itself catches what it must.
        assertThat(CHANGES_THE_TRAIL.matcher("update audit_events set details = ''").find()).isTrue();
        assertThat(CHANGES_THE_TRAIL.matcher("DELETE\n FROM audit_events WHERE id = 1").find()).isTrue();
        assertThat(CHANGES_THE_TRAIL.matcher("INSERT INTO audit_events (id) VALUES (1)").find()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theDatabaseRefusesToChangeOrDeleteARow(Databases.Kind kind) {
        try (Database db = Databases.open(kind)) {
            db.migrate();
            db.jdbi().useHandle(h -> h.execute("INSERT INTO audit_events (workspace, task_id, actor, at, action, details,"
                    + " source) VALUES ('T1', 1, 'UALICE', 0, 'task.created', 'made', 'SLACK')"));
            assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("UPDATE audit_events SET details = 'forged'")))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_events")))
                    .hasMessageContaining("append-only");
            if (kind == Databases.Kind.POSTGRES) {
                assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("TRUNCATE audit_events")))
                        .hasMessageContaining("append-only");
            }
            assertThat(new AuditLog(db.jdbi()).ofTask(1, 0L, 10).entries()).singleElement()
                    .satisfies(e -> assertThat(e.details()).isEqualTo("made"));
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
