package io.taskbridge.task;

import io.taskbridge.platform.Database;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskbridge.task.Priority;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskChanged;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskProblem;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.task.TaskService;
import io.taskbridge.testing.Databases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The task store and service on both databases: the same SQL must behave the same. */
class TaskStoreTest {
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    record Fixture(Database db, TaskService tasks, List<TaskChanged> events) implements AutoCloseable {
        @Override
        public void close() {
            db.close();
        }
    }

    static Fixture fixture(Databases.Kind kind) {
        Database db = Databases.open(kind);
        List<TaskChanged> events = Collections.synchronizedList(new ArrayList<>());
        TaskService tasks = new TaskService(db.jdbi(), Clock.fixed(NOW, ZoneOffset.UTC), (e, tx) -> events.add(e));
        return new Fixture(db, tasks, events);
    }

    static TaskDraft draft(String title) {
        return TaskDraft.titled(title);
    }

    /** create answers without reading the row back, so its answer must be exactly what a read gives. */
    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aCreatedTaskIsWhatAReadOfItGives(Databases.Kind kind) {
        try (Database db = Databases.open(kind)) {
            Instant oddMoment = NOW.plusNanos(123_456_789);
            TaskService tasks = new TaskService(db.jdbi(), Clock.fixed(oddMoment, ZoneOffset.UTC), (e, tx) -> { });
            List<TaskDraft> drafts = List.of(
                    draft("Plain"),
                    draft("Everything").withPriority(Priority.HIGH).withAssignee(Optional.of("U_ALICE"))
                            .withDueDate(Optional.of(oddMoment.plus(Duration.ofDays(2)).plusNanos(1_500_000)))
                            .withWarning(Optional.of(Duration.ofMinutes(90).plusMillis(700)))
                            .withTags(List.of("finance", "q3")).withDescription(Optional.of("Überprüfung ✅ 日本語"))
                            .withStatus(Status.IN_PROGRESS));
            for (TaskDraft d : drafts) {
                for (Optional<SlackPlace> place : List.of(Optional.<SlackPlace>empty(),
                        Optional.of(SlackPlace.channel("T1", "C1")))) {
                    Task created = tasks.create(d, "U_BOB", place, Optional.empty()).task();
                    assertThat(created).isEqualTo(tasks.get(created.id()));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void createsReadsAndFindsByIdempotencyKey(Databases.Kind kind) {
        try (Fixture f = fixture(kind)) {
            TaskDraft d = draft("Review the Q3 report").withPriority(Priority.HIGH)
                    .withAssignee(Optional.of("U_ALICE")).withDueDate(Optional.of(NOW.plus(Duration.ofDays(2))))
                    .withWarning(Optional.of(Duration.ofHours(24))).withTags(List.of("finance", "q3", "finance"))
                    .withDescription(Optional.of("Überprüfung ✅ 日本語"));
            var place = Optional.of(SlackPlace.channel("T1", "C1"));
            var first = f.tasks().create(d, "U_BOB", place, Optional.of("trigger-1"));
            var again = f.tasks().create(d, "U_BOB", place, Optional.of("trigger-1"));

            assertThat(first.created()).isTrue();
            assertThat(again.created()).isFalse();
            assertThat(again.task().id()).isEqualTo(first.task().id());
            Task t = f.tasks().get(first.task().id());
            assertThat(t.title()).isEqualTo("Review the Q3 report");
            assertThat(t.description()).contains("Überprüfung ✅ 日本語");
            assertThat(t.status()).isEqualTo(Status.TODO);
            assertThat(t.priority()).isEqualTo(Priority.HIGH);
            assertThat(t.tags()).containsExactly("finance", "q3");
            assertThat(t.warning()).contains(Duration.ofHours(24));
            assertThat(t.dueDate()).contains(NOW.plus(Duration.ofDays(2)));
            assertThat(t.createdBy()).isEqualTo("U_BOB");
            assertThat(t.slack()).contains(new SlackPlace("T1", "C1", Optional.empty()));
            assertThat(f.events()).hasSize(1);
            assertThat(f.events().get(0).isCreation()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void enforcesLifecycleAndWritesNothingWhenRefused(Databases.Kind kind) {
        try (Fixture f = fixture(kind)) {
            long id = f.tasks().create(draft("Ship it"), "U1", Optional.empty(), Optional.empty()).task().id();
            assertThatThrownBy(() -> f.tasks().moveTo(id, Status.DONE, "U1"))
                    .isInstanceOf(TaskProblem.TransitionRefused.class)
                    .hasMessageContaining("in progress");
            assertThat(f.tasks().moveTo(id, Status.CANCELED, "U1").changed()).isTrue();
            assertThatThrownBy(() -> f.tasks().complete(id, "U1"))
                    .isInstanceOf(TaskProblem.TransitionRefused.class)
                    .hasMessageContaining("was canceled");
            Task t = f.tasks().get(id);
            assertThat(t.status()).isEqualTo(Status.CANCELED);
            assertThat(t.version()).isEqualTo(1);
            assertThat(f.events()).hasSize(2);
            assertThatThrownBy(() -> f.tasks().get(999)).isInstanceOf(TaskProblem.NotFound.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void quickCompletionAndNoOpChanges(Databases.Kind kind) {
        try (Fixture f = fixture(kind)) {
            long id = f.tasks().create(draft("Ship it"), "U1", Optional.empty(), Optional.empty()).task().id();
            assertThat(f.tasks().complete(id, "U1").changed()).isTrue();
            assertThat(f.tasks().complete(id, "U1").changed()).isFalse();
            assertThat(f.tasks().get(id).status()).isEqualTo(Status.DONE);
            assertThat(f.events()).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void concurrentChangesAllLandThroughCompareAndSet(Databases.Kind kind) throws Exception {
        try (Fixture f = fixture(kind)) {
            long id = f.tasks().create(draft("Contended"), "U1", Optional.empty(), Optional.empty()).task().id();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String tag = "t" + i;
                futures.add(pool.submit(() -> f.tasks().change(id, "U1", d -> {
                    List<String> tags = new ArrayList<>(d.tags());
                    tags.add(tag);
                    return d.withTags(tags);
                })));
            }
            for (Future<?> fu : futures) {
                fu.get();
            }
            pool.shutdown();
            Task t = f.tasks().get(id);
            assertThat(t.tags()).hasSize(8);
            assertThat(t.version()).isEqualTo(8);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void queriesFilterSortAndPage(Databases.Kind kind) {
        try (Fixture f = fixture(kind)) {
            TaskService s = f.tasks();
            long a = s.create(draft("Alpha report").withAssignee(Optional.of("U_A")).withTags(List.of("Finance"))
                    .withDueDate(Optional.of(NOW.plusSeconds(60))), "U1", Optional.empty(), Optional.empty()).task().id();
            long b = s.create(draft("Beta 100%_done").withAssignee(Optional.of("U_B")).withPriority(Priority.URGENT),
                    "U2", Optional.empty(), Optional.empty()).task().id();
            long c = s.create(draft("Gamma").withAssignee(Optional.of("U_A")), "U1", Optional.empty(), Optional.empty())
                    .task().id();
            s.complete(c, "U1");

            TaskQuery all = TaskQuery.all();
            assertThat(ids(s.list(all.withAssignee(Optional.of("U_A")).open()))).containsExactly(a);
            assertThat(ids(s.list(all.withTag(Optional.of("finance"))))).containsExactly(a);
            assertThat(ids(s.list(all.withSearch(Optional.of("100%_"))))).containsExactly(b);
            assertThat(ids(s.list(all.withSearch(Optional.of("100%x"))))).isEmpty();
            assertThat(ids(s.list(all.withPriority(Optional.of(Priority.URGENT))))).containsExactly(b);
            assertThat(ids(s.list(all.withStatuses(Set.of(Status.DONE))))).containsExactly(c);
            assertThat(ids(s.list(all.withDueBefore(Optional.of(NOW.plusSeconds(120)))))).containsExactly(a);
            assertThat(ids(s.list(all.withCreatedBy(Optional.of("U2"))))).containsExactly(b);
            assertThat(ids(s.list(all.sortedBy(new TaskQuery.Sort(TaskQuery.SortField.PRIORITY, false)))))
                    .startsWith(b);
            assertThat(ids(s.list(all.sortedBy(new TaskQuery.Sort(TaskQuery.SortField.DUE_DATE, true)))))
                    .startsWith(a);
            assertThat(ids(s.list(all.page(2, 1)))).hasSize(2);
            assertThat(s.count(all)).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void filtersOnEveryTagAndOnWhetherADueDateIsSet(Databases.Kind kind) {
        try (Fixture f = fixture(kind)) {
            TaskService s = f.tasks();
            long both = s.create(draft("Both").withTags(List.of("Finance", "q3"))
                    .withDueDate(Optional.of(NOW.plusSeconds(60))), "U1", Optional.empty(), Optional.empty()).task().id();
            long one = s.create(draft("One").withTags(List.of("finance")), "U1", Optional.empty(), Optional.empty())
                    .task().id();
            long none = s.create(draft("None"), "U1", Optional.empty(), Optional.empty()).task().id();

            TaskQuery all = TaskQuery.all();
            assertThat(ids(s.list(all.withTags(Set.of("finance", "Q3"))))).containsExactly(both);
            assertThat(ids(s.list(all.withTags(Set.of("FINANCE"))))).containsExactlyInAnyOrder(both, one);
            assertThat(s.count(all.withTags(Set.of("finance", "nope")))).isZero();
            assertThat(ids(s.list(all.withHasDueDate(Optional.of(true))))).containsExactly(both);
            assertThat(ids(s.list(all.withHasDueDate(Optional.of(false))))).containsExactlyInAnyOrder(one, none);
            assertThat(s.count(all.withHasDueDate(Optional.of(false)).withTags(Set.of("finance")))).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void deletesTasksOutsideSlackAndRefusesThoseInIt(Databases.Kind kind) {
        try (Fixture f = fixture(kind)) {
            TaskService s = f.tasks();
            long plain = s.create(draft("Plain").withTags(List.of("x")), "U1", Optional.empty(), Optional.empty())
                    .task().id();
            long inSlack = s.create(draft("In Slack"), "U1", Optional.of(SlackPlace.channel("T1", "C1")),
                    Optional.empty()).task().id();

            s.delete(plain, "U1");
            assertThat(s.find(plain)).isEmpty();
            assertThat(s.count(TaskQuery.all().withTags(Set.of("x")))).isZero();
            assertThatThrownBy(() -> s.delete(plain, "U1")).isInstanceOf(TaskProblem.NotFound.class);
            assertThatThrownBy(() -> s.delete(inSlack, "U1")).isInstanceOf(TaskProblem.LivesInSlack.class)
                    .hasMessageContaining("cancel it instead");
            assertThat(s.get(inSlack).title()).isEqualTo("In Slack");
        }
    }

    static List<Long> ids(List<Task> tasks) {
        return tasks.stream().map(Task::id).toList();
    }

    /** PIT found these unchecked: the service itself refuses bad fields, and a change that changes nothing is not a change. */
    @org.junit.jupiter.api.Test
    void theServiceRefusesBadFieldsAndANoOpChangeWritesAndAnnouncesNothing() {
        try (Fixture f = fixture(Databases.Kind.SQLITE)) {
            assertThatThrownBy(() -> f.tasks().create(draft("x".repeat(501)), "UBOB", java.util.Optional.empty(),
                    java.util.Optional.empty())).isInstanceOf(io.taskbridge.task.TaskProblem.Invalid.class);
            assertThat(f.events()).isEmpty();
            io.taskbridge.task.Task t = f.tasks().create(draft("Fine"), "UBOB", java.util.Optional.empty(),
                    java.util.Optional.empty()).task();
            f.events().clear();

            assertThatThrownBy(() -> f.tasks().change(t.id(), "UBOB", d -> d.withTitle("y".repeat(501))))
                    .isInstanceOf(io.taskbridge.task.TaskProblem.Invalid.class);
            assertThat(f.tasks().get(t.id()).title()).isEqualTo("Fine");

            f.tasks().change(t.id(), "UBOB", d -> d.withTitle("Fine"));
            assertThat(f.tasks().get(t.id()).version()).as("nothing written").isEqualTo(t.version());
            assertThat(f.events()).as("nothing announced").isEmpty();
        }
    }
}
