package io.taskbridge.slack;

import io.taskbridge.task.Priority;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a task's fields read in Slack, shared by {@link TaskMessage} and {@link Replies} so the
 * channel message and the replies say the same thing the same way.
 */
final class TaskWords {
    private TaskWords() {}

    /** An emoji and a word per status: the emoji for scanning, the word for screen readers. */
    static String status(Status status) {
        return switch (status) {
            case TODO -> ":white_circle: To do";
            case IN_PROGRESS -> ":large_blue_circle: In progress";
            case REVIEW -> ":eyes: In review";
            case DONE -> ":white_check_mark: Done";
            case CANCELED -> ":no_entry_sign: Canceled";
        };
    }

    /**
     * The priority when it is worth saying: MEDIUM is the default and says nothing; the others
     * always say something, so "no word" always means "medium".
     */
    static Optional<String> priority(Priority priority) {
        return switch (priority) {
            case LOW -> Optional.of(":small_blue_diamond: Low");
            case MEDIUM -> Optional.empty();
            case HIGH -> Optional.of(":small_orange_diamond: High");
            case URGENT -> Optional.of(":red_circle: Urgent");
        };
    }

    /** {@code #finance #q3}, escaped; empty when there are no tags. */
    static Optional<String> tags(List<String> tags) {
        return tags.isEmpty() ? Optional.empty()
                : Optional.of(tags.stream().map(t -> "#" + SlackText.escape(t)).collect(Collectors.joining(" ")));
    }

    /** The due date as mrkdwn, marked overdue when it has passed and the task is still open. */
    static Optional<String> due(Task task, Instant now) {
        return task.dueDate().map(due -> SlackDates.due(due, task.isOverdue(now)));
    }

    /** "24 h before due", or empty without a reminder. */
    static Optional<String> reminder(Task task) {
        return task.warning().map(w -> SlackDates.offset(w) + " before due");
    }

    /** {@code #42 Review the Q3 report}, escaped and cut to {@code max} characters. */
    static String idAndTitle(Task task, int max) {
        String id = "#" + task.id() + " ";
        return id + SlackText.escape(task.title(), Math.max(1, max - id.length()));
    }
}
