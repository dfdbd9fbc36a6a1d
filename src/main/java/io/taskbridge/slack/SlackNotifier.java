package io.taskbridge.slack;

import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.task.TaskChanged;
import io.taskbridge.task.TaskEvents;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The one path from "a task changed" to "Slack was told": every {@link TaskChanged} of a task that
 * lives in a channel queues one (deduplicated) sync of its channel message, in the same transaction.
 */
public final class SlackNotifier implements TaskEvents {
    private final Outbox outbox;

    public SlackNotifier(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void changed(TaskChanged event, Handle tx) {
        event.after().slack().ifPresent(place -> outbox.enqueue(tx, event.after().workspace(),
                new OutboxMessage.TaskMessage(event.after().id()),
                Optional.of("task_message:" + event.after().id()),
                Optional.of(place.channelId())));
    }
}
