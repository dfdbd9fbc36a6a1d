package io.taskbridge.reminder;

import io.taskbridge.platform.Sql;
import io.taskbridge.task.TaskRead;
import io.taskbridge.task.ReminderKind;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskChanged;
import io.taskbridge.task.TaskEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Keeps each task's reminder rows in step with the task, inside the transaction of every change:
 * a new due date or offset re-plans the warning, due and overdue reminders (dropping snoozes of
 * the old schedule); completing or cancelling drops everything pending; reopening re-plans.
 * Reminders whose time has already passed when they are planned are not planned.
 *
 * <p>Approval nudges are planned through {@link #planApprovalNudge} by {@link ApprovalNudges}, in the
 * transaction of each approval event.
 */
public final class ReminderPlanner implements TaskEvents, Snoozer {
    private static final Sql DROP_ALL = Sql.of("DELETE FROM reminders WHERE task_id = :task");
    private static final Sql DROP = Sql.of(ReminderDao.DROP);
    private static final Sql PLAN = Sql.of(ReminderDao.PLAN);
    /** PLAN for one, two and three rows: the warning, due and overdue reminders a due date plans. */
    private static final List<Sql> PLAN_ROWS = List.of(planRows(1), planRows(2), planRows(3));
    /** The one overdue reminder comes this long after the due date; the daily digest follows. */
    public static final Duration OVERDUE_AFTER = Duration.ofHours(1);
    static final List<String> SCHEDULE_KINDS = List.of(ReminderKind.WARNING.stored(), ReminderKind.DUE.stored(),
            ReminderKind.OVERDUE.stored(), ReminderKind.SNOOZE.stored());

    private final Jdbi jdbi;
    private final Clock clock;
    private final Digests digests;

    public ReminderPlanner(Jdbi jdbi, Clock clock, Digests digests) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.digests = digests;
    }

    @Override
    public void changed(TaskChanged event, Handle tx) {
        Task after = event.after();
        boolean wasOpen = event.before().map(b -> b.status().isOpen()).orElse(false);
        if (!after.status().isOpen()) {
            if (wasOpen) {
                DROP_ALL.on(tx).bind("task", after.id()).execute();
            }
            return;
        }
        boolean timing = event.before()
                .map(b -> !b.dueDate().equals(after.dueDate()) || !b.warning().equals(after.warning()))
                .orElse(true);
        if (!timing && wasOpen) {
            return;
        }
        boolean isNew = event.before().isEmpty();
        if (isNew && after.dueDate().isEmpty()) {
            return; // nothing planned, nothing to drop
        }
        if (!isNew) {
            drop(tx, after.id(), SCHEDULE_KINDS);
        }
        if (after.dueDate().isEmpty()) {
            return;
        }
        Instant due = after.dueDate().get();
        Instant now = event.at();
        // One plain statement (platform/Sql) for all of them: every new task with a due date passes here.
        Map<ReminderKind, Instant> schedule = new EnumMap<>(ReminderKind.class);
        after.warning().map(due::minus).filter(now::isBefore).ifPresent(at -> schedule.put(ReminderKind.WARNING, at));
        if (due.isAfter(now)) {
            schedule.put(ReminderKind.DUE, due);
        }
        Instant overdue = due.plus(OVERDUE_AFTER);
        if (overdue.isAfter(now)) {
            schedule.put(ReminderKind.OVERDUE, overdue);
        }
        planAll(tx, after.id(), schedule, now.toEpochMilli());
        after.slack().ifPresent(place -> digests.ensure(tx, after.workspace(), place, now));
    }

    /**
     * The task's schedule reminders (for its channel and assignee), at most one of each kind, as one
     * statement: a row of {@link ReminderDao#PLAN} for each.
     */
    private static void planAll(Handle tx, long taskId, Map<ReminderKind, Instant> schedule, long now) {
        if (schedule.isEmpty()) {
            return;
        }
        Sql.Run run = PLAN_ROWS.get(schedule.size() - 1).on(tx).bind("task", taskId).bind("now", now);
        int row = 0;
        for (Map.Entry<ReminderKind, Instant> e : schedule.entrySet()) {
            run.bind("kind" + row, e.getKey().stored()).bind("recipient" + row, "").bind("fireAt" + row,
                    e.getValue().toEpochMilli());
            row++;
        }
        run.defer(); // with the rest of the batch's reminders (platform/DeferredRows)
    }

    /** {@link ReminderDao#PLAN} for {@code rows} reminders of one task at once. */
    private static Sql planRows(int rows) {
        StringJoiner values = new StringJoiner(", ");
        for (int i = 0; i < rows; i++) {
            values.add("(:task, :kind" + i + ", :recipient" + i + ", :fireAt" + i + ", :now)");
        }
        return Sql.of(ReminderDao.PLAN_INTO + values + ReminderDao.PLAN_ON_CONFLICT);
    }

    /** One reminder for {@code recipient} ('' for the task's channel and assignee) at {@code at}. */
    private static void plan(Handle tx, long taskId, ReminderKind kind, String recipient, Instant at, long now) {
        PLAN.on(tx).bind("task", taskId).bind("kind", kind.stored()).bind("recipient", recipient)
                .bind("fireAt", at.toEpochMilli()).bind("now", now).execute();
    }

    @Override
    public Optional<Instant> snooze(long taskId, String userId, Instant until) {
        return jdbi.inTransaction(tx -> {
            Optional<Task> task = TaskRead.find(tx, taskId).filter(t -> t.status().isOpen());
            if (task.isEmpty()) {
                return Optional.<Instant>empty();
            }
            plan(tx, taskId, ReminderKind.SNOOZE, userId, until, clock.millis());
            return Optional.of(until);
        });
    }

    /** Extension point for approvals: DM {@code participant} about the task at {@code at} ({@code kind}: which nudge), in {@code tx}. */
    public void planApprovalNudge(Handle tx, long taskId, String participant, ReminderKind kind, Instant at) {
        plan(tx, taskId, kind, participant, at, clock.millis());
    }

    /** Drops the task's pending reminders of these kinds, in {@code tx} (every approval event drops its nudges). */
    void drop(Handle tx, long taskId, List<String> kinds) {
        DROP.on(tx).bind("task", taskId).bindList("kinds", kinds).execute();
    }

}
