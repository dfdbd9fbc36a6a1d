package io.taskbridge.reminder;

import io.taskbridge.notify.Outbox;
import io.taskbridge.notify.OutboxMessage;
import io.taskbridge.slack.SlackText;
import io.taskbridge.task.ReminderKind;
import io.taskbridge.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one due reminder sends: a personal one (snooze, approval) a DM to its recipient; any other a
 * reply in the task's thread and a DM to its assignee. {@code broadcast}: replies also show in the channel.
 */
record ReminderMessages(boolean broadcast) {

    List<Outbox.Queued> of(Task task, ReminderKind kind, String recipient) {
        if (kind.personal()) {
            return List.of(dm(task, kind, recipient));
        }
        List<Outbox.Queued> messages = new ArrayList<>(2);
        task.slack().ifPresent(place -> messages.add(new Outbox.Queued(
                new OutboxMessage.ReminderReply(task.id(), kind, broadcast), Optional.of(place.channelId()))));
        task.assignee().filter(SlackText::isUserId).ifPresent(assignee -> messages.add(dm(task, kind, assignee)));
        return messages;
    }

    private static Outbox.Queued dm(Task task, ReminderKind kind, String user) {
        return new Outbox.Queued(new OutboxMessage.ReminderDm(task.id(), kind, user), Optional.of("dm:" + user));
    }
}
