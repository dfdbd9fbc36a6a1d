package io.taskbridge.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskbridge.platform.Database;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.Status;
import io.taskbridge.task.TaskChanged;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskService;
import io.taskbridge.testing.Concurrently;
import io.taskbridge.testing.Databases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Approval rules and their once-only guarantees, on SQLite and on PostgreSQL. */
class ApprovalServiceTest {
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    record Fixture(Database db, TaskService tasks, ApprovalService approvals, List<TaskChanged> taskEvents,
                   List<ApprovalChanged> events) implements AutoCloseable {
        long newTask(String title) {
            return tasks.create(TaskDraft.titled(title), "UCREATOR", Optional.empty(), Optional.empty()).task().id();
        }

        @Override
        public void close() {
            db.close();
        }
    }

    static Fixture fixture(Databases.Kind kind) {
        Database db = Databases.open(kind);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        List<TaskChanged> taskEvents = Collections.synchronizedList(new ArrayList<>());
        List<ApprovalChanged> events = Collections.synchronizedList(new ArrayList<>());
        TaskService tasks = new TaskService(db.jdbi(), clock, (e, tx) -> taskEvents.add(e));
        ApprovalService approvals = new ApprovalService(db.jdbi(), clock, (e, tx) -> taskEvents.add(e), (e, tx) -> events.add(e));
        return new Fixture(db, tasks, approvals, taskEvents, events);
    }

    static ApprovalPlan plan(CompletionMode mode, String... users) {
        return new ApprovalPlan(List.of(new ApprovalPlan.Step(List.of(users), mode, Optional.empty())));
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aGroupLookedUpAfterEveryoneElseApprovedCompletesTheStep(Databases.Kind kind) {
        try (Fixture f = fixture(kind)) {
            long id = f.newTask("Budget");
            f.approvals().request(id, new ApprovalPlan(List.of(new ApprovalPlan.Step(List.of("UA"), CompletionMode.ALL,
                    Optional.empty(), List.of(ApprovalGroup.named("S1", "finance")), Optional.empty()))), "UCREATOR");
            assertThat(f.approvals().decide(id, 1, 0, "UA", Decision.APPROVE, Optional.empty()).kind())
                    .as("everyone includes the group's members, not known yet").isEqualTo(ApprovalChanged.Kind.ANSWERED);
            // The group turns out to be only the creator, who never approves their own task.
            assertThat(f.approvals().expandGroup(id, 1, 0, "S1", List.of("UCREATOR"))).isPresent();
            assertThat(f.events()).extracting(ApprovalChanged::kind).endsWith(ApprovalChanged.Kind.GROUP_EXPANDED,
                    ApprovalChanged.Kind.APPROVED);
            assertThat(f.tasks().get(id).status()).isEqualTo(Status.DONE);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aStepLeftWithNobodyToAskExpiresInsteadOfWaitingForNoOne(Databases.Kind kind) {
        try (Fixture f = fixture(kind)) {
            long id = f.newTask("Budget");
            f.approvals().request(id, new ApprovalPlan(List.of(new ApprovalPlan.Step(List.of(), CompletionMode.ONE,
                    Optional.empty(), List.of(ApprovalGroup.named("S1", "finance")), Optional.empty()))), "UCREATOR");
            assertThat(f.approvals().expandGroup(id, 1, 0, "S1", List.of())).isPresent();
            assertThat(f.events()).extracting(ApprovalChanged::kind).endsWith(ApprovalChanged.Kind.GROUP_EXPANDED,
                    ApprovalChanged.Kind.EXPIRED);
            assertThat(f.tasks().get(id).status()).isEqualTo(Status.IN_PROGRESS);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void oneApprovalCompletesAOneStep(Databases.Kind kind) {
        try (Fixture f = fixture(kind)) {
            long id = f.newTask("Budget");
            Approval a = f.approvals().request(id, plan(CompletionMode.ONE, "UA", "UB"), "UCREATOR");
            assertThat(a.round()).isEqualTo(1);
            assertThat(f.tasks().get(id).status()).isEqualTo(Status.REVIEW);

            ApprovalChanged e = f.approvals().decide(id, 1, 0, "UB", Decision.APPROVE, Optional.of("fine"));
            assertThat(e.kind()).isEqualTo(ApprovalChanged.Kind.APPROVED);
            assertThat(f.tasks().get(id).status()).isEqualTo(Status.DONE);
            assertThatThrownBy(() -> f.approvals().decide(id, 1, 0, "UA", Decision.APPROVE, Optional.empty()))
                    .isInstanceOf(ApprovalProblem.class).hasMessageContaining("already approved");
            Approval done = f.approvals().find(id).orElseThrow();
            assertThat(done.state()).isEqualTo(Approval.State.APPROVED);
            assertThat(done.steps().get(0).responses()).singleElement()
                    .satisfies(r -> {
                        assertThat(r.userId()).isEqualTo("UB");
                        assertThat(r.comment()).contains("fine");
                        assertThat(r.at()).isEqualTo(NOW);
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void allNeedsEveryoneAndTwoStepsRunInOrder(Databases.Kind kind) {
        try (Fixture f = fixture(kind)) {
            long id = f.newTask("Contract");
            f.approvals().request(id, new ApprovalPlan(List.of(
                    new ApprovalPlan.Step(List.of("UA", "UB"), CompletionMode.ALL, Optional.empty()),
                    new ApprovalPlan.Step(List.of("UC"), CompletionMode.ONE, Optional.of(NOW.plus(Duration.ofDays(2)))))),
                    "UCREATOR");
            assertThatThrownBy(() -> f.approvals().decide(id, 1, 1, "UC", Decision.APPROVE, Optional.empty()))
                    .isInstanceOf(ApprovalProblem.class).hasMessageContaining("not at this step yet");
            assertThat(f.approvals().decide(id, 1, 0, "UA", Decision.APPROVE, Optional.empty()).kind())
                    .isEqualTo(ApprovalChanged.Kind.ANSWERED);
            WorkspaceId ws = f.tasks().get(id).workspace();
            assertThat(f.approvals().waitingFor(ws, "UB", 10)).containsExactly(id);
            assertThat(f.approvals().waitingFor(new WorkspaceId("TOTHER"), "UB", 10))
                    .as("the same user id in another workspace (Enterprise Grid) waits for nothing here").isEmpty();
            assertThat(f.approvals().waitingFor(ws, "UC", 10)).isEmpty();
            assertThat(f.approvals().decide(id, 1, 0, "UB", Decision.APPROVE, Optional.empty()).kind())
                    .isEqualTo(ApprovalChanged.Kind.STEP_ADVANCED);
            assertThat(f.approvals().waitingFor(ws, "UC", 10)).containsExactly(id);
            assertThat(f.tasks().get(id).status()).isEqualTo(Status.REVIEW);
            assertThat(f.approvals().decide(id, 1, 1, "UC", Decision.APPROVE, Optional.empty()).kind())
                    .isEqualTo(ApprovalChanged.Kind.APPROVED);
            assertThat(f.tasks().get(id).status()).isEqualTo(Status.DONE);
            assertThat(f.approvals().find(id).orElseThrow().steps().get(1).dueDate()).contains(NOW.plus(Duration.ofDays(2)));
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void rejectNeedsACommentAndReturnsTheTask(Databases.Kind kind) {
        try (Fixture f = fixture(kind)) {
            long id = f.newTask("Press release");
            f.approvals().request(id, plan(CompletionMode.ALL, "UA", "UB"), "UCREATOR");
            assertThatThrownBy(() -> f.approvals().decide(id, 1, 0, "UA", Decision.REJECT, Optional.of("  ")))
                    .isInstanceOf(ApprovalProblem.class).hasMessageContaining("comment");
            ApprovalChanged e = f.approvals().decide(id, 1, 0, "UA", Decision.REJECT, Optional.of("Wrong numbers"));
            assertThat(e.kind()).isEqualTo(ApprovalChanged.Kind.REJECTED);
            assertThat(f.tasks().get(id).status()).isEqualTo(Status.IN_PROGRESS);
            assertThat(f.approvals().find(id).orElseThrow().state()).isEqualTo(Approval.State.REJECTED);
            // Reworked, it can be sent for approval again: a new round.
            assertThat(f.approvals().request(id, plan(CompletionMode.ONE, "UB"), "UCREATOR").round()).isEqualTo(2);
            assertThatThrownBy(() -> f.approvals().decide(id, 1, 0, "UB", Decision.APPROVE, Optional.empty()))
                    .isInstanceOf(ApprovalProblem.class).hasMessageContaining("newer one");
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void outsidersAndRepeatAnswersChangeNothing(Databases.Kind kind) {
        try (Fixture f = fixture(kind)) {
            long id = f.newTask("Hiring");
            f.approvals().request(id, plan(CompletionMode.ALL, "UA", "UB"), "UCREATOR");
            long version = f.tasks().get(id).version();
            assertThatThrownBy(() -> f.approvals().decide(id, 1, 0, "UX", Decision.APPROVE, Optional.empty()))
                    .isInstanceOf(ApprovalProblem.class)
                    .satisfies(e -> assertThat(((ApprovalProblem) e).kind()).isEqualTo(ApprovalProblem.Kind.NOT_PARTICIPANT));
            f.approvals().decide(id, 1, 0, "UA", Decision.APPROVE, Optional.empty());
            assertThatThrownBy(() -> f.approvals().decide(id, 1, 0, "UA", Decision.REJECT, Optional.of("changed my mind")))
                    .isInstanceOf(ApprovalProblem.class)
                    .satisfies(e -> assertThat(((ApprovalProblem) e).kind()).isEqualTo(ApprovalProblem.Kind.ALREADY_ANSWERED));
            assertThat(f.approvals().find(id).orElseThrow().steps().get(0).responses()).hasSize(1);
            assertThat(f.tasks().get(id).version()).isEqualTo(version + 1);
            assertThatThrownBy(() -> f.approvals().request(id, plan(CompletionMode.ONE, "UA"), "UCREATOR"))
                    .isInstanceOf(ApprovalProblem.class).hasMessageContaining("already waiting");
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void twentySimultaneousDecisionsRecordEachOnceAndMoveTheStepOnce(Databases.Kind kind) throws Exception {
        try (Fixture f = fixture(kind)) {
            List<String> people = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                people.add("U" + i);
            }
            long all = f.newTask("ALL of twenty");
            f.approvals().request(all, plan(CompletionMode.ALL, people.toArray(String[]::new)), "UCREATOR");
            long one = f.newTask("ONE of twenty");
            f.approvals().request(one, plan(CompletionMode.ONE, people.toArray(String[]::new)), "UCREATOR");
            f.events().clear();

            List<Callable<Boolean>> clicks = new ArrayList<>();
            for (String p : people) {
                clicks.add(() -> f.approvals().decide(all, 1, 0, p, Decision.APPROVE, Optional.empty()) != null);
                clicks.add(() -> f.approvals().decide(one, 1, 0, p, Decision.APPROVE, Optional.empty()) != null);
                // The same person double-clicking.
                clicks.add(() -> f.approvals().decide(all, 1, 0, p, Decision.APPROVE, Optional.empty()) != null);
            }
            int accepted = runTogether(clicks);

            Approval allDone = f.approvals().find(all).orElseThrow();
            assertThat(allDone.state()).isEqualTo(Approval.State.APPROVED);
            assertThat(allDone.steps().get(0).responses()).hasSize(20);
            Approval oneDone = f.approvals().find(one).orElseThrow();
            assertThat(oneDone.state()).isEqualTo(Approval.State.APPROVED);
            assertThat(f.events().stream().filter(e -> e.approval().taskId() == all && e.finished())).hasSize(1);
            assertThat(f.events().stream().filter(e -> e.approval().taskId() == one && e.finished())).hasSize(1);
            // README: "any one of them approves" records exactly one response; the other clicks are refused.
            assertThat(oneDone.steps().get(0).responses()).hasSize(1);
            // Every accepted click is one recorded response (20 + 1); the rest changed nothing.
            assertThat(accepted).isEqualTo(21);
            assertThat(f.tasks().get(all).status()).isEqualTo(Status.DONE);
            assertThat(f.tasks().get(one).status()).isEqualTo(Status.DONE);
        }
    }

    /** Runs every call at once; counts those that returned rather than refused. */
    static int runTogether(List<Callable<Boolean>> calls) throws Exception {
        List<Callable<Boolean>> guarded = calls.stream().<Callable<Boolean>>map(c -> () -> {
            try {
                return c.call();
            } catch (ApprovalProblem refused) {
                return false;
            }
        }).toList();
        return (int) Concurrently.run(guarded).stream().filter(ok -> ok).count();
    }

    /** The read-only answer given before a comment form opens: every reason, and empty when the answer may be given. */
    @org.junit.jupiter.api.Test
    void refusalExplainsEachReasonAndIsEmptyWhenTheAnswerMayBeGiven() {
        try (Fixture f = fixture(Databases.Kind.SQLITE)) {
            long id = f.newTask("Refusals");
            assertThat(f.approvals().refusal(id, 1, 0, "UA")).map(ApprovalProblem::kind)
                    .contains(ApprovalProblem.Kind.NO_APPROVAL);
            f.approvals().request(id, new ApprovalPlan(List.of(
                    new ApprovalPlan.Step(List.of("UA"), CompletionMode.ONE, Optional.empty()),
                    new ApprovalPlan.Step(List.of("UB"), CompletionMode.ONE, Optional.empty()))), "UCREATOR");

            assertThat(f.approvals().refusal(id, 1, 0, "UA")).as("UA may answer the step that waits").isEmpty();
            assertThat(f.approvals().refusal(id, 1, 0, "UX")).map(ApprovalProblem::kind)
                    .contains(ApprovalProblem.Kind.NOT_PARTICIPANT);
            assertThat(f.approvals().refusal(id, 1, 1, "UB")).map(ApprovalProblem::getMessage)
                    .hasValueSatisfying(m -> assertThat(m).contains("is not at this step yet"));
            assertThat(f.approvals().refusal(id, 2, 0, "UA")).map(ApprovalProblem::getMessage)
                    .hasValueSatisfying(m -> assertThat(m).contains("replaced by a newer one"));

            f.approvals().decide(id, 1, 0, "UA", Decision.APPROVE, Optional.empty());
            assertThat(f.approvals().refusal(id, 1, 0, "UA")).map(ApprovalProblem::kind)
                    .contains(ApprovalProblem.Kind.ALREADY_ANSWERED);
            assertThat(f.approvals().refusal(id, 1, 1, "UB")).as("now UB's step waits").isEmpty();
            assertThat(f.approvals().refusal(id, 1, 0, "UX")).map(ApprovalProblem::getMessage)
                    .hasValueSatisfying(m -> assertThat(m).contains("has moved on to its next step"));

            f.approvals().decide(id, 1, 1, "UB", Decision.APPROVE, Optional.empty());
            assertThat(f.approvals().refusal(id, 1, 1, "UX")).map(ApprovalProblem::getMessage)
                    .hasValueSatisfying(m -> assertThat(m).contains("was already approved"));
        }
    }
}
