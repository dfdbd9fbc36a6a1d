package io.taskbridge.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.approval.ApprovalPlan;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.approval.CompletionMode;
import io.taskbridge.platform.Database;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.task.TaskService;
import io.taskbridge.task.Viewer;
import io.taskbridge.testing.Databases;
import io.taskbridge.workspace.Admins;
import io.taskbridge.workspace.PermissionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lists filter in SQL ({@link Viewer}) so that pages and totals never count a hidden task; reads ask
 * the policy through {@link TaskAccess}. The two must agree: over a fixture of tasks in every kind of
 * conversation (and none, and not known yet), with creators, assignees, approvers and a review's
 * asker, every person from every origin lists exactly the tasks the policy lets them see.
 */
class VisibilityAgreementTest {
    private static final List<String> PEOPLE = List.of("UALICE", "UBOB", "UCAROL", "UDAN", "UERIN");
    private static final List<Optional<String>> ORIGINS = List.of(Optional.empty(), Optional.of("C1"), Optional.of("G1"),
            Optional.of("D1"), Optional.of("G2"), Optional.of("G9"));

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theListFilterAndThePolicyAgree(Databases.Kind kind) {
        try (Database db = Databases.open(kind)) {
            Clock clock = Clock.systemUTC();
            TaskService tasks = new TaskService(db.jdbi(), clock, (e, tx) -> { });
            ApprovalService approvals = new ApprovalService(db.jdbi(), clock, (e, tx) -> { }, (e, tx) -> { });
            TaskAccess access = new TaskAccess(tasks, approvals, new PermissionPolicy(false),
                    new Admins(Set.of(), (team, user) -> Optional.of(false), clock, Duration.ofMinutes(10)),
                    ConversationKinds.UNKNOWN);
            List<Optional<SlackPlace>> places = List.of(Optional.empty(),
                    Optional.of(SlackPlace.channel("T1", "C1", "PUBLIC")),
                    Optional.of(SlackPlace.channel("T1", "G1", "PRIVATE")),
                    Optional.of(SlackPlace.channel("T1", "D1", "DM")),
                    Optional.of(SlackPlace.channel("T1", "G2", "GROUP_DM")),
                    Optional.of(SlackPlace.channel("T1", "G9")));
            for (Optional<SlackPlace> place : places) {
                tasks.create(TaskDraft.titled("unassigned"), "UALICE", place, Optional.empty());
                tasks.create(TaskDraft.titled("assigned").withAssignee(Optional.of("UBOB")), "UALICE", place, Optional.empty());
                long reviewed = tasks.create(TaskDraft.titled("in review"), "UALICE", place, Optional.empty()).task().id();
                approvals.request(reviewed, new ApprovalPlan(List.of(
                        new ApprovalPlan.Step(List.of("UCAROL"), CompletionMode.ONE, Optional.empty()),
                        new ApprovalPlan.Step(List.of("UDAN"), CompletionMode.ONE, Optional.empty()))), "UERIN");
            }
            List<Long> all = tasks.list(TaskQuery.all().page(100, 0)).stream().map(Task::id).toList();
            assertThat(all).hasSize(18);

            for (String person : PEOPLE) {
                for (Optional<String> origin : ORIGINS) {
                    Viewer viewer = new Viewer(person, origin);
                    Set<Long> listed = tasks.list(TaskQuery.all().page(100, 0), Optional.of(viewer)).stream()
                            .map(Task::id).collect(Collectors.toCollection(TreeSet::new));
                    Set<Long> seen = all.stream().filter(id -> access.see(new Asker("T1", person, origin), id).isPresent())
                            .collect(Collectors.toCollection(TreeSet::new));
                    assertThat(listed).as("%s from %s", person, origin).isEqualTo(seen);
                    assertThat(tasks.count(TaskQuery.all(), Optional.of(viewer))).isEqualTo(seen.size());
                }
            }
            // Not vacuous: the stranger from nowhere sees only the public ones (no place, C1); the
            // creator sees everything.
            assertThat(tasks.count(TaskQuery.all(), Optional.of(new Viewer("UZED", Optional.empty())))).isEqualTo(6);
            assertThat(tasks.count(TaskQuery.all(), Optional.of(new Viewer("UALICE", Optional.empty())))).isEqualTo(18);
        }
    }
}
