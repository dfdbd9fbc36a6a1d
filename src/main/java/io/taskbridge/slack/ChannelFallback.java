package io.taskbridge.slack;

import io.taskbridge.outbox.Delivery;
import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.platform.Daos;
import io.taskbridge.slack.ReminderMessage;
import io.taskbridge.slack.SlackText;
import io.taskbridge.task.TaskDao;
import io.taskbridge.task.Task;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When Slack says the bot can't post in a task's channel ({@code channel_not_found},
 * {@code not_in_channel}), the post is dead (retrying will not help) and the task's creator gets a
 * DM saying how to invite the bot: one DM per channel and creator while it waits, however many
 * posts fail.
 */
public final class ChannelFallback implements Delivery {
    private static final Logger log = LoggerFactory.getLogger(ChannelFallback.class);
    static final Set<String> NOT_IN_CHANNEL = Set.of("channel_not_found", "not_in_channel");

    private final Delivery inner;
    private final Jdbi jdbi;
    private final Outbox outbox;

    public ChannelFallback(Delivery inner, Jdbi jdbi, Outbox outbox) {
        this.inner = inner;
        this.jdbi = jdbi;
        this.outbox = outbox;
    }

    @Override
    public Outcome deliver(Attempt attempt) {
        Outcome outcome = inner.deliver(attempt);
        if (outcome instanceof Outcome.Failed failed && NOT_IN_CHANNEL.contains(failed.reason())) {
            taskOf(attempt.message()).ifPresent(id -> tellCreator(id, failed.reason()));
            return new Outcome.Failed(failed.reason(), false);
        }
        return outcome;
    }

    private void tellCreator(long taskId, String error) {
        jdbi.useTransaction(tx -> {
            Optional<Task> task = Daos.on(tx, TaskDao.class).find(taskId);
            if (task.isEmpty() || task.get().slack().isEmpty() || !SlackText.isUserId(task.get().createdBy())) {
                return;
            }
            String channel = task.get().slack().get().channelId();
            String creator = task.get().createdBy();
            log.warn("cannot post in channel {} ({}); telling the task's creator {}", channel, error, creator);
            outbox.enqueue(tx, task.get().workspace(), new OutboxMessage.Notice(creator, ReminderMessage.notInChannel(task.get(), channel, error)),
                    Optional.of("notice:not_in_channel:" + channel + ":" + creator), Optional.of("dm:" + creator));
        });
    }

    private static Optional<Long> taskOf(OutboxMessage message) {
        OptionalLong id = OptionalLong.empty();
        if (message instanceof OutboxMessage.TaskMessage m) {
            id = OptionalLong.of(m.taskId());
        } else if (message instanceof OutboxMessage.ReminderReply r) {
            id = OptionalLong.of(r.taskId());
        }
        return id.isPresent() ? Optional.of(id.getAsLong()) : Optional.empty();
    }
}
