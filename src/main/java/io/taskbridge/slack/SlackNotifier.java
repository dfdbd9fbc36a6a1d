package io.taskbridge.slack;

import io.taskbridge.approval.ApprovalDao;
import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.platform.Sql;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskChanged;
import io.taskbridge.task.TaskEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * The one path from "a task changed" to "Slack was told": every {@link TaskChanged} of a task that
 * lives in a channel queues one (deduplicated) sync of its channel message, in the same transaction;
 * a task just made from a message queues the reply in that message's thread; and the App Home of
 * everyone the task concerns (creator, assignee before and after, approvers) is queued to be
 * published again ({@link HomeRefresh}).
 */
public final class SlackNotifier implements TaskEvents {
    private static final Sql APPROVERS = Sql.of(ApprovalDao.APPROVERS);
    private final Outbox outbox;
    private final HomeRefresh homes;

    public SlackNotifier(Outbox outbox, HomeRefresh homes) {
        this.outbox = outbox;
        this.homes = homes;
    }

    @Override
    public void changed(TaskChanged event, Handle tx) {
        Task task = event.after();
        task.slack().ifPresent(place -> outbox.enqueue(tx, task.workspace(),
                new OutboxMessage.TaskMessage(task.id()),
                Optional.of("task_message:" + task.id()),
                Optional.of(place.channelId())));
        if (event.isCreation() && task.slack().flatMap(SlackPlace::source).isPresent()) {
            outbox.enqueue(tx, task.workspace(), new OutboxMessage.SourceReply(task.id()),
                    Optional.of("source_reply:" + task.id()), Optional.of(task.slack().get().channelId()));
        }
        homes.touched(tx, task.workspace(), concerned(event, tx));
    }

    private static List<String> concerned(TaskChanged event, Handle tx) {
        List<String> users = new ArrayList<>();
        users.add(event.after().createdBy());
        event.after().assignee().ifPresent(users::add);
        event.before().flatMap(Task::assignee).ifPresent(users::add);
        // Approvers' homes list a task only while it waits in review, so only then (or when it has
        // just left review) are they concerned: a new task, or one never reviewed, costs no approval read.
        boolean inReview = Stream.concat(event.before().stream(), Stream.of(event.after()))
                .anyMatch(t -> t.status() == Status.REVIEW);
        if (inReview) {
            // A decision has read them (its round); any other change, one statement for the people.
            users.addAll(event.approvers().orElseGet(() -> APPROVERS.on(tx).bind("id", event.after().id()).strings()));
        }
        return users;
    }
}
