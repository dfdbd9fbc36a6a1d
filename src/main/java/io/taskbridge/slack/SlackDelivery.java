package io.taskbridge.slack;

import io.taskbridge.outbox.Delivery;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.outbox.OutboxWorker;
import io.taskbridge.approval.Approval;
import io.taskbridge.slack.ApprovalMessage;
import io.taskbridge.slack.SlackResult;
import io.taskbridge.slack.SlackWeb;
import io.taskbridge.slack.TaskMessage;
import io.taskbridge.approval.ApprovalDao;
import io.taskbridge.task.TaskDao;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Delivers outbox messages to Slack's Web API. Messages about a task are rendered from the task as
 * it is at delivery time, so several queued changes become one post or update.
 */
final class SlackDelivery {
    /** How long a thread note waits for its task's message to be posted first. */
    static final Duration PARENT_NOT_POSTED = Duration.ofSeconds(5);

    private final SlackWeb web;
    private final OncePoster poster;
    private final Jdbi jdbi;
    private final Clock clock;

    SlackDelivery(SlackWeb web, Jdbi jdbi, Clock clock) {
        this.web = web;
        this.poster = new OncePoster(web);
        this.jdbi = jdbi;
        this.clock = clock;
    }

    Delivery.Outcome deliver(Delivery.Attempt attempt) {
        OutboxMessage message = attempt.message();
        if (message instanceof OutboxMessage.TaskMessage m) {
            return syncTaskMessage(m.taskId(), Optional.of(attempt));
        } else if (message instanceof OutboxMessage.ApprovalRequest r) {
            return askApprover(attempt, r);
        } else if (message instanceof OutboxMessage.ApprovalSync s) {
            return syncApproval(s);
        } else if (message instanceof OutboxMessage.ThreadNote n) {
            return threadNote(attempt, n);
        } else if (message instanceof OutboxMessage.ChannelNote cn) {
            return channelNote(attempt, cn);
        } else if (message instanceof OutboxMessage.RemoteResponse r) {
            return threadNote(attempt, new OutboxMessage.ThreadNote(r.taskId(), RemoteNewsText.thread(r)));
        } else if (message instanceof OutboxMessage.SourceReply r) {
            return sourceReply(attempt, r);
        } else if (message instanceof OutboxMessage.RemoteNews n) {
            return channelNote(attempt, new OutboxMessage.ChannelNote(n.channel(), n.taskId(), RemoteNewsText.channel(n)));
        }
        throw new IllegalArgumentException("no Slack delivery for " + message.kind());
    }

    /**
     * Updates the task's message, or, if it is not posted yet and this is the task's own
     * {@code task_message} row ({@code poster} present), posts it. Only that row posts it, so one
     * mark stands for the task's message. Found posted by an earlier try, its ts is recorded and it
     * is updated, since the task may have changed since that try.
     */
    private Delivery.Outcome syncTaskMessage(long taskId, Optional<Delivery.Attempt> attempt) {
        Optional<Task> found = task(taskId);
        if (found.isEmpty() || found.get().slack().isEmpty()) {
            return new Delivery.Outcome.Delivered();
        }
        Task task = found.get();
        SlackPlace place = task.slack().get();
        var blocks = TaskMessage.blocks(task, approval(taskId), clock.instant());
        String text = TaskMessage.text(task);
        if (place.messageTs().isPresent()) {
            return outcome(web.updateMessage(place.channelId(), place.messageTs().get(), text, blocks), ts -> { });
        }
        if (attempt.isEmpty()) {
            return new Delivery.Outcome.Delivered(); // the task's pending task_message row posts it
        }
        SlackResult<OncePoster.Posted> posted = poster.post(attempt.get(), SlackWeb.Post.message(place.channelId(), text, blocks));
        if (posted instanceof SlackResult.Ok<OncePoster.Posted> ok) {
            jdbi.useExtension(TaskDao.class, dao -> dao.setSlackTs(taskId, ok.value().ts()));
            if (ok.value().earlier()) {
                return outcome(web.updateMessage(place.channelId(), ok.value().ts(), text, blocks), ts -> { });
            }
        }
        return outcome(posted, p -> { });
    }

    private Delivery.Outcome askApprover(Delivery.Attempt attempt, OutboxMessage.ApprovalRequest r) {
        Optional<Task> task = task(r.taskId());
        Optional<Approval> approval = approval(r.taskId()).filter(a -> a.round() == r.round());
        if (task.isEmpty() || approval.isEmpty()) {
            return new Delivery.Outcome.Delivered();
        }
        SlackResult<String> dm = web.openDm(r.userId());
        if (!(dm instanceof SlackResult.Ok<String> channel)) {
            return outcome(dm, x -> { });
        }
        return outcome(poster.post(attempt, SlackWeb.Post.message(channel.value(), ApprovalMessage.text(task.get(), approval.get()),
                        ApprovalMessage.request(task.get(), approval.get(), r.userId()))),
                p -> jdbi.useExtension(ApprovalDao.class,
                        dao -> dao.rememberMessage(r.taskId(), r.round(), channel.value(), p.ts(), r.userId())));
    }

    private Delivery.Outcome syncApproval(OutboxMessage.ApprovalSync s) {
        Optional<Task> task = task(s.taskId());
        Optional<Approval> approval = approval(s.taskId()).filter(a -> a.round() == s.round());
        if (task.isEmpty() || approval.isEmpty()) {
            return new Delivery.Outcome.Delivered();
        }
        List<ApprovalDao.MessageRow> messages = jdbi.withExtension(ApprovalDao.class, dao -> dao.messages(s.taskId(), s.round()));
        Delivery.Outcome worst = new Delivery.Outcome.Delivered();
        for (ApprovalDao.MessageRow m : messages) {
            String viewer = m.userId().orElse("");
            Delivery.Outcome o = outcome(web.updateMessage(m.channel(), m.ts(), ApprovalMessage.text(task.get(), approval.get()),
                    ApprovalMessage.request(task.get(), approval.get(), viewer)), ts -> { });
            if (!(o instanceof Delivery.Outcome.Delivered)) {
                worst = o;
            }
        }
        // The task's own message shows the approval's progress too.
        Delivery.Outcome own = syncTaskMessage(s.taskId(), Optional.empty());
        return worst instanceof Delivery.Outcome.Delivered ? own : worst;
    }

    private Delivery.Outcome threadNote(Delivery.Attempt attempt, OutboxMessage.ThreadNote n) {
        Optional<Task> task = task(n.taskId());
        if (task.isEmpty() || task.get().slack().isEmpty()) {
            return new Delivery.Outcome.Delivered();
        }
        SlackPlace place = task.get().slack().get();
        if (place.messageTs().isEmpty()) {
            return new Delivery.Outcome.WaitFor(PARENT_NOT_POSTED, "the task's message is not posted yet");
        }
        return outcome(poster.post(attempt, SlackWeb.Post.reply(place.channelId(), place.messageTs().get(), n.text(),
                List.of(), false)), p -> { });
    }

    /**
     * The reply under the message a task was made from: that the task exists, with a link to its own
     * message (posted first: the reply waits for it, as a thread note does).
     */
    private Delivery.Outcome sourceReply(Delivery.Attempt attempt, OutboxMessage.SourceReply r) {
        Optional<Task> task = task(r.taskId());
        Optional<SlackPlace> place = task.flatMap(Task::slack).filter(p -> p.source().isPresent());
        if (place.isEmpty()) {
            return new Delivery.Outcome.Delivered();
        }
        if (place.get().messageTs().isEmpty()) {
            return new Delivery.Outcome.WaitFor(PARENT_NOT_POSTED, "the task's message is not posted yet");
        }
        return outcome(poster.post(attempt, SlackWeb.Post.reply(place.get().channelId(), place.get().source().get().ts(),
                TaskMessage.madeFrom(task.get()), List.of(), false)), p -> { });
    }

    private Delivery.Outcome channelNote(Delivery.Attempt attempt, OutboxMessage.ChannelNote n) {
        Optional<String> thread = task(n.taskId()).flatMap(Task::slack)
                .filter(place -> place.channelId().equals(n.channel())).flatMap(SlackPlace::messageTs);
        return outcome(poster.post(attempt, new SlackWeb.Post(n.channel(), thread, false, n.text(), List.of())), p -> { });
    }

    private Optional<Task> task(long id) {
        return jdbi.withExtension(TaskDao.class, dao -> dao.find(id));
    }

    private Optional<Approval> approval(long taskId) {
        return jdbi.withExtension(ApprovalDao.class, dao -> dao.find(taskId));
    }

    static <T> Delivery.Outcome outcome(SlackResult<T> result, Consumer<T> onOk) {
        if (result instanceof SlackResult.Ok<T> ok) {
            onOk.accept(ok.value());
            return new Delivery.Outcome.Delivered();
        }
        if (result instanceof SlackResult.RateLimited<T> limited) {
            return new Delivery.Outcome.WaitFor(limited.retryAfter(), OutboxWorker.RATE_LIMITED);
        }
        SlackResult.Failed<T> failed = (SlackResult.Failed<T>) result;
        return new Delivery.Outcome.Failed(failed.error(), failed.retryable());
    }
}
