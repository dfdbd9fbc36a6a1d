package io.taskbridge.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.approval.ApprovalPlan;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.approval.CompletionMode;
import io.taskbridge.approval.Decision;
import io.taskbridge.platform.Database;
import io.taskbridge.platform.PreparedStatements;
import io.taskbridge.task.ReminderKind;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskEvents;
import io.taskbridge.task.TaskService;
import io.taskbridge.testing.Databases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Approval nudges follow the round: a dated step's waiting approvers have theirs, an answer drops
 * the answerer's; a new round's request drops whatever an earlier round left; and in a round with no
 * due date, where no nudge can exist, a decision spends no statement on dropping them.
 */
class ApprovalNudgesTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void nudgesFollowTheRoundAndAnUndatedRoundsDecisionDropsNone(Databases.Kind kind) {
        try (Database db = Databases.open(kind)) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            ReminderPlanner planner = new ReminderPlanner(db.jdbi(), clock, new Digests(db.jdbi(), clock));
            TaskService tasks = new TaskService(db.jdbi(), clock, planner);
            ApprovalService approvals = new ApprovalService(db.jdbi(), clock, TaskEvents.all(List.of(planner)),
                    new ApprovalNudges(planner));
            List<String> drops = new ArrayList<>();
            db.jdbi().getConfig(PreparedStatements.class).observe(sql -> {
                if (sql.equals(ReminderDao.DROP)) {
                    drops.add(sql);
                }
            });

            long dated = tasks.create(TaskDraft.titled("Contract"), "UCREATOR", Optional.empty(), Optional.empty())
                    .task().id();
            approvals.request(dated, new ApprovalPlan(List.of(new ApprovalPlan.Step(List.of("UA", "UB"),
                    CompletionMode.ALL, Optional.of(NOW.plus(Duration.ofDays(3)))))), "UCREATOR");
            assertThat(nudged(db, dated)).containsExactlyInAnyOrder("UA", "UB");
            approvals.decide(dated, 1, 0, "UA", Decision.APPROVE, Optional.empty());
            assertThat(nudged(db, dated)).as("UA answered").containsExactly("UB");

            long undated = tasks.create(TaskDraft.titled("Invoice"), "UCREATOR", Optional.empty(), Optional.empty())
                    .task().id();
            // what an earlier round might have left behind: its request must drop it
            db.jdbi().useTransaction(tx -> planner.planApprovalNudge(tx, undated, "UOLD", ReminderKind.APPROVAL,
                    NOW.plus(Duration.ofDays(1))));
            drops.clear();
            approvals.request(undated, new ApprovalPlan(List.of(new ApprovalPlan.Step(List.of("UA", "UB"),
                    CompletionMode.ALL, Optional.empty()))), "UCREATOR");
            assertThat(drops).as("the request drops what rounds before it left").hasSize(1);
            assertThat(nudged(db, undated)).isEmpty();

            drops.clear();
            approvals.decide(undated, 1, 0, "UA", Decision.APPROVE, Optional.empty());
            assertThat(drops).as("a decision in a round without due dates").isEmpty();
        }
    }

    private static List<String> nudged(Database db, long taskId) {
        return db.jdbi().withExtension(ReminderDao.class, dao -> dao.ofTask(taskId)).stream()
                .filter(r -> ApprovalNudges.KINDS.contains(r.kind())).map(ReminderRow::recipient).distinct().toList();
    }
}
