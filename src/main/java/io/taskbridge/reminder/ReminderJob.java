package io.taskbridge.reminder;

import io.taskbridge.approval.ApprovalService;
import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.platform.Daos;
import io.taskbridge.platform.Dialect;
import io.taskbridge.reminder.DigestDao;
import io.taskbridge.reminder.DigestRow;
import io.taskbridge.reminder.ReminderDao;
import io.taskbridge.reminder.ReminderRow;
import io.taskbridge.reminder.ReminderTarget;
import io.taskbridge.task.TaskDao;
import io.taskbridge.task.ReminderKind;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tick of the reminder schedule: claims every due reminder and hands it to the outbox, then
 * does the same for due channel digests. A reminder is claimed by deleting its row in the
 * transaction that writes its outbox rows, so it is handed over exactly once: a crash before the
 * commit leaves it due, a second instance ticking at the same moment finds it gone. The work of a
 * tick grows with the number of reminders due (read through the {@code fire_at} index), not with
 * the number of tasks stored: a batch of up to {@link #BATCH} is three statements (the claim, one
 * read of the few task columns a reminder needs, one batch of outbox inserts).
 */
public final class ReminderJob {
    private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);
    static final int BATCH = 200;

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final Outbox outbox;
    private final Clock clock;
    private final ReminderMessages messages;
    private final Optional<ApprovalService> approvals;

    /** {@code broadcast}: thread replies are also shown in the channel. */
    public ReminderJob(Jdbi jdbi, Dialect dialect, Outbox outbox, Clock clock, boolean broadcast) {
        this(jdbi, dialect, outbox, clock, new ReminderMessages(broadcast), Optional.empty());
    }

    private ReminderJob(Jdbi jdbi, Dialect dialect, Outbox outbox, Clock clock, ReminderMessages messages,
                        Optional<ApprovalService> approvals) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.outbox = outbox;
        this.clock = clock;
        this.messages = messages;
        this.approvals = approvals;
    }

    /**
     * The same job, also running the due-date actions of approval steps (expire, escalate) on each
     * tick, each once across instances ({@link ApprovalService#actOnDueSteps}).
     */
    public ReminderJob actingOnApprovals(ApprovalService approvals) {
        return new ReminderJob(jdbi, dialect, outbox, clock, messages, Optional.of(approvals));
    }

    /** What one tick handed to the outbox, and how many approval steps it acted on. */
    public record Tick(int reminders, int digests, int approvalSteps) {}

    public Tick tick() {
        Instant now = clock.instant();
        int reminders = 0;
        int claimed;
        do {
            claimed = jdbi.inTransaction(tx -> claimBatch(tx, now));
            reminders += claimed;
        } while (claimed == BATCH);
        int digests = digests(now);
        int steps = 0;
        int acted;
        do {
            acted = approvals.map(a -> a.actOnDueSteps(BATCH)).orElse(0);
            steps += acted;
        } while (acted == BATCH);
        if (reminders > 0 || digests > 0 || steps > 0) {
            log.info("reminder tick: {} reminder(s) and {} digest(s) handed to the outbox, {} approval step(s) past due",
                    reminders, digests, steps);
        }
        return new Tick(reminders, digests, steps);
    }

    private int claimBatch(Handle tx, Instant now) {
        ReminderDao reminders = Daos.on(tx, ReminderDao.class);
        List<ReminderRow> due = dialect == Dialect.POSTGRES
                ? reminders.claimDueSkipLocked(now.toEpochMilli(), BATCH)
                : reminders.claimDue(now.toEpochMilli(), BATCH);
        if (due.isEmpty()) {
            return 0;
        }
        Map<Long, ReminderTarget> open = openTasks(reminders, due);
        List<Outbox.Queued> queued = new ArrayList<>();
        for (ReminderRow row : due) {
            ReminderTarget task = open.get(row.taskId());
            if (task != null) {
                queued.addAll(messages.of(task, ReminderKind.ofStored(row.kind()), row.recipient(),
                        Instant.ofEpochMilli(row.fireAt())));
            }
        }
        outbox.enqueueAll(tx, queued);
        return due.size();
    }

    /** The open tasks the claimed reminders are about, in one read (not one per reminder). */
    private static Map<Long, ReminderTarget> openTasks(ReminderDao reminders, List<ReminderRow> due) {
        Set<Long> ids = due.stream().map(ReminderRow::taskId).collect(Collectors.toCollection(TreeSet::new));
        return reminders.targets(ids).stream().filter(t -> t.status().isOpen())
                .collect(Collectors.toMap(ReminderTarget::taskId, Function.identity()));
    }

    private int digests(Instant now) {
        List<DigestRow> due = jdbi.withExtension(DigestDao.class, dao -> dao.due(now.toEpochMilli(), BATCH));
        int posted = 0;
        for (DigestRow row : due) {
            posted += jdbi.inTransaction(tx -> digest(tx, row, now));
        }
        return posted;
    }

    private int digest(Handle tx, DigestRow row, Instant now) {
        long seen = row.nextAt().orElseThrow();
        Instant next = Digests.next(Digests.parseTime(row.localTime()), ZoneId.of(row.zone()), now);
        if (Daos.on(tx, DigestDao.class).claim(row.workspace().value(), row.channel(), seen, next.toEpochMilli()) != 1) {
            return 0;
        }
        TaskQuery query = TaskQuery.all().open().withChannel(Optional.of(row.channel()))
                .withDueBefore(Optional.of(now))
                .sortedBy(new TaskQuery.Sort(TaskQuery.SortField.DUE_DATE, true))
                .page(TaskQuery.MAX_LIMIT, 0);
        List<Task> overdueTasks = Daos.on(tx, TaskDao.class).query(query, Optional.of(row.workspace()), Optional.empty());
        if (overdueTasks.isEmpty()) {
            return 0;
        }
        List<Long> overdue = overdueTasks.stream().map(Task::id).toList();
        outbox.enqueue(tx, row.workspace(), new OutboxMessage.OverdueDigest(row.channel(), overdue), Optional.empty(),
                Optional.of(row.channel()));
        return 1;
    }
}
