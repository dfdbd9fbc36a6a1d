package io.taskbridge.slack;

import io.taskbridge.outbox.Delivery;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.outbox.OutboxWorker;
import io.taskbridge.outbox.QuietTime;
import io.taskbridge.slack.ReminderMessage;
import io.taskbridge.slack.SlackResult;
import io.taskbridge.slack.SlackWeb;
import io.taskbridge.task.TaskDao;
import io.taskbridge.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Delivers reminders, digests and notices to Slack. Each is rendered from the task as it is at
 * delivery, so a task done in the meantime gets no reminder; a DM waits out its recipient's quiet
 * hours (a wait, not a failed attempt), a thread reply never waits.
 */
public final class ReminderDelivery implements Delivery {
    private final SlackWeb web;
    private final OncePoster poster;
    private final Jdbi jdbi;
    private final Clock clock;
    private final QuietTime quiet;

    public ReminderDelivery(SlackWeb web, Jdbi jdbi, Clock clock, QuietTime quiet) {
        this.web = web;
        this.poster = new OncePoster(web);
        this.jdbi = jdbi;
        this.clock = clock;
        this.quiet = quiet;
    }

    /** Whether this delivers {@code message}'s kind. */
    public static boolean handles(OutboxMessage message) {
        return message instanceof OutboxMessage.ReminderReply || message instanceof OutboxMessage.ReminderDm
                || message instanceof OutboxMessage.OverdueDigest || message instanceof OutboxMessage.Notice;
    }

    @Override
    public Outcome deliver(Attempt attempt) {
        OutboxMessage message = attempt.message();
        if (message instanceof OutboxMessage.ReminderReply r) {
            return reply(attempt, r);
        } else if (message instanceof OutboxMessage.ReminderDm d) {
            return dm(attempt, d);
        } else if (message instanceof OutboxMessage.OverdueDigest g) {
            return digest(attempt, g);
        } else if (message instanceof OutboxMessage.Notice n) {
            return direct(attempt, n.user(), n.text(), List.of());
        }
        throw new IllegalArgumentException("no reminder delivery for " + message.kind());
    }

    private Outcome reply(Attempt attempt, OutboxMessage.ReminderReply r) {
        Optional<Task> open = openTask(r.taskId());
        if (open.isEmpty() || open.get().slack().isEmpty()) {
            return new Outcome.Delivered();
        }
        Task task = open.get();
        var place = task.slack().get();
        if (place.messageTs().isEmpty()) {
            // The task's own message is still on its way (or dead); the reply needs its thread.
            return new Outcome.WaitFor(SlackDelivery.PARENT_NOT_POSTED, "the task's message is not posted yet");
        }
        Instant now = clock.instant();
        return outcome(poster.post(attempt, SlackWeb.Post.reply(place.channelId(), place.messageTs().get(),
                ReminderMessage.text(task, r.reminder()), ReminderMessage.blocks(task, r.reminder(), now), r.broadcast())));
    }

    private Outcome dm(Attempt attempt, OutboxMessage.ReminderDm d) {
        Optional<Task> open = openTask(d.taskId());
        if (open.isEmpty()) {
            return new Outcome.Delivered();
        }
        Instant now = clock.instant();
        Optional<Instant> quietUntil = quiet.quietUntil(attempt.workspace(), d.user(), now);
        if (quietUntil.isPresent() && quietUntil.get().isAfter(now)) {
            return new Outcome.WaitFor(Duration.between(now, quietUntil.get()), "quiet hours of " + d.user());
        }
        Task task = open.get();
        return direct(attempt, d.user(), ReminderMessage.text(task, d.reminder()), ReminderMessage.blocks(task, d.reminder(), now));
    }

    private Outcome digest(Attempt attempt, OutboxMessage.OverdueDigest g) {
        Instant now = clock.instant();
        List<Task> overdue = new ArrayList<>();
        jdbi.useExtension(TaskDao.class, dao -> g.taskIds().forEach(id -> dao.find(id)
                .filter(t -> t.isOverdue(now)).ifPresent(overdue::add)));
        if (overdue.isEmpty()) {
            return new Outcome.Delivered();
        }
        overdue.sort(Comparator.comparing((Task t) -> t.dueDate().orElseThrow()).thenComparing(Task::id));
        return outcome(poster.post(attempt, SlackWeb.Post.message(g.channel(), ReminderMessage.digestText(overdue),
                ReminderMessage.digestBlocks(overdue, now))));
    }

    private Outcome direct(Attempt attempt, String user, String text, List<com.slack.api.model.block.LayoutBlock> blocks) {
        SlackResult<String> opened = web.openDm(user);
        if (!(opened instanceof SlackResult.Ok<String> ok)) {
            return outcome(opened);
        }
        return outcome(poster.post(attempt, SlackWeb.Post.message(ok.value(), text, blocks)));
    }

    private Optional<Task> openTask(long id) {
        return jdbi.withExtension(TaskDao.class, dao -> dao.find(id)).filter(t -> t.status().isOpen());
    }

    static <T> Outcome outcome(SlackResult<T> result) {
        if (result instanceof SlackResult.Ok<T>) {
            return new Outcome.Delivered();
        }
        if (result instanceof SlackResult.RateLimited<T> limited) {
            return new Outcome.WaitFor(limited.retryAfter(), OutboxWorker.RATE_LIMITED);
        }
        SlackResult.Failed<T> failed = (SlackResult.Failed<T>) result;
        return new Outcome.Failed(failed.error(), failed.retryable());
    }
}
