package io.taskbridge.notify;

import io.taskbridge.slack.SlackResult;
import io.taskbridge.slack.SlackWeb;
import io.taskbridge.slack.TaskMessage;
import io.taskbridge.store.TaskDao;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Task;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Delivers outbox messages to Slack's Web API. */
public final class SlackDelivery implements Delivery {
    private final SlackWeb web;
    private final Jdbi jdbi;
    private final Clock clock;

    public SlackDelivery(SlackWeb web, Jdbi jdbi, Clock clock) {
        this.web = web;
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public Outcome deliver(OutboxMessage message) {
        if (message instanceof OutboxMessage.TaskMessage m) {
            return syncTaskMessage(m.taskId());
        }
        throw new IllegalArgumentException("no delivery for " + message.kind());
    }

    /** Renders the task as it is now, so several queued changes become one post or update. */
    private Outcome syncTaskMessage(long taskId) {
        Optional<Task> found = jdbi.withExtension(TaskDao.class, dao -> dao.find(taskId));
        if (found.isEmpty() || found.get().slack().isEmpty()) {
            return new Outcome.Delivered();
        }
        Task task = found.get();
        SlackPlace place = task.slack().get();
        var blocks = TaskMessage.blocks(task, clock.instant());
        String text = TaskMessage.text(task);
        if (place.messageTs().isPresent()) {
            return outcome(web.updateMessage(place.channelId(), place.messageTs().get(), text, blocks), ts -> { });
        }
        return outcome(web.postMessage(place.channelId(), text, blocks, Optional.empty()),
                ts -> jdbi.useExtension(TaskDao.class, dao -> dao.setSlackTs(taskId, ts)));
    }

    private static Outcome outcome(SlackResult<String> result, java.util.function.Consumer<String> onOk) {
        if (result instanceof SlackResult.Ok<String> ok) {
            onOk.accept(ok.value());
            return new Outcome.Delivered();
        }
        if (result instanceof SlackResult.RateLimited<String> limited) {
            return new Outcome.WaitFor(limited.retryAfter(), "rate limited by Slack");
        }
        SlackResult.Failed<String> failed = (SlackResult.Failed<String>) result;
        return new Outcome.Failed(failed.error(), failed.retryable());
    }
}
