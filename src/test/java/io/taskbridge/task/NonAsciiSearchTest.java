package io.taskbridge.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Database;
import io.taskbridge.testing.Databases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Title, description and tag search ignore case beyond ASCII, on SQLite and on PostgreSQL alike. */
class NonAsciiSearchTest {
    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void caseIsIgnoredForEveryAlphabet(Databases.Kind kind) {
        try (Database db = Databases.open(kind)) {
            TaskService s = new TaskService(db.jdbi(), Clock.fixed(NOW, ZoneOffset.UTC), (e, tx) -> { });
            long a = s.create(TaskDraft.titled("ÜBERPRÜFUNG der Zahlen").withDescription(Optional.of("ΣΥΝΑΝΤΗΣΗ"))
                    .withTags(List.of("Ärger", "Финансы")), "U1", Optional.empty(), Optional.empty()).task().id();
            s.create(TaskDraft.titled("Other"), "U1", Optional.empty(), Optional.empty());

            TaskQuery all = TaskQuery.all();
            assertThat(ids(s.list(all.withSearch(Optional.of("überprüfung"))))).containsExactly(a);
            assertThat(ids(s.list(all.withSearch(Optional.of("συνάντηση".replace("ά", "α")))))).containsExactly(a);
            assertThat(ids(s.list(all.withTag(Optional.of("ärger"))))).containsExactly(a);
            assertThat(ids(s.list(all.withTags(Set.of("финансы", "ÄRGER"))))).containsExactly(a);
            assertThat(s.count(all.withSearch(Optional.of("überprüfung")))).isEqualTo(1);
        }
    }

    static List<Long> ids(List<Task> tasks) {
        return tasks.stream().map(Task::id).toList();
    }
}
