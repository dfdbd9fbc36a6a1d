package io.taskbridge.reminder;

import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.task.SlackUserId;
import io.taskbridge.reminder.ReminderTarget;
import io.taskbridge.task.ReminderKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one due reminder sends: a personal one (snooze, approval) a DM to its recipient; any other a
 * reply in the task's thread and a DM to its assignee. {@code broadcast}: replies also show in the channel.
 */
record ReminderMessages(boolean broadcast) {

    /** {@code fireAt}: when the reminder was planned to fire (for its lag). */
    List<Outbox.Queued> of(ReminderTarget task, ReminderKind kind, String recipient, Instant fireAt) {
        if (kind.personal()) {
            return List.of(dm(task, kind, recipient, fireAt));
        }
        List<Outbox.Queued> messages = new ArrayList<>(2);
        task.channel().ifPresent(channel -> messages.add(new Outbox.Queued(
                new OutboxMessage.ReminderReply(task.taskId(), kind, broadcast, Optional.of(fireAt)), Optional.of(channel),
                task.workspace())));
        task.assignee().filter(SlackUserId::matches)
                .ifPresent(assignee -> messages.add(dm(task, kind, assignee, fireAt)));
        return messages;
    }

    private static Outbox.Queued dm(ReminderTarget task, ReminderKind kind, String user, Instant fireAt) {
        return new Outbox.Queued(new OutboxMessage.ReminderDm(task.taskId(), kind, user, Optional.of(fireAt)),
                Optional.of("dm:" + user), task.workspace());
    }
}
