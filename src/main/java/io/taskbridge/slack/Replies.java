package io.taskbridge.slack;

import io.taskbridge.task.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Ephemeral answers to the person who asked, as mrkdwn strings. Dates are Slack date tokens (each
 * reader sees their own zone) from {@link SlackDates}; user text is escaped by {@link SlackText}.
 */
public final class Replies {
    /** How much of a title a list line shows. */
    static final int LIST_TITLE_MAX = 100;
    /** How much of a description {@link #show} shows; keeps the reply well under Slack's 40,000. */
    static final int SHOW_DESCRIPTION_MAX = 12_000;

    private Replies() {}

    /** "Created task *#42 Review the Q3 report* for @alice, due …." */
    public static String created(Task task) {
        return "Created task *" + TaskWords.idAndTitle(task, SlackText.SECTION_MAX) + "*" + summary(task) + ".";
    }

    /**
     * After start, done, cancel, assign or due: the task's state as it is now, e.g.
     * "Task *#42 Review the Q3 report* is now :large_blue_circle: In progress, assigned to @alice, due …."
     */
    public static String changed(Task task) {
        return "Task *" + TaskWords.idAndTitle(task, SlackText.SECTION_MAX) + "* is now "
                + TaskWords.status(task.status()) + summary(task) + ".";
    }

    /**
     * A compact list under a bold heading, one line per task: id, title, status, due date, assignee.
     * "No tasks." with a hint how to make one when the list is empty. {@code heading} is mrkdwn
     * already (a mention, an escaped tag): it is not escaped again.
     */
    public static String list(List<Task> tasks, String heading, Instant now) {
        String head = "*" + heading + "*\n";
        if (tasks.isEmpty()) {
            return head + "No tasks. Create one with `/task add Water the plants`, or just `/task` for a form.";
        }
        return head + tasks.stream().map(t -> line(t, now)).collect(Collectors.joining("\n"));
    }

    /** Every detail of one task, as mrkdwn text. */
    public static String show(Task task, Instant now) {
        List<String> lines = new ArrayList<>();
        lines.add("*" + TaskWords.idAndTitle(task, SlackText.SECTION_MAX) + "*");
        lines.add("Status: " + TaskWords.status(task.status()));
        lines.add("Assignee: " + SlackText.person(task.assignee()));
        lines.add("Due: " + TaskWords.due(task, now).orElse("no due date"));
        TaskWords.priority(task.priority()).ifPresent(p -> lines.add("Priority: " + p));
        TaskWords.tags(task.tags()).ifPresent(t -> lines.add("Tags: " + t));
        TaskWords.reminder(task).ifPresent(r -> lines.add("Reminder: " + r));
        lines.add("Created by " + SlackText.person(Optional.of(task.createdBy()))
                + ", " + SlackDates.token(task.createdAt()));
        task.description().ifPresent(d -> lines.add(">>>" + SlackText.escape(d, SHOW_DESCRIPTION_MAX)));
        return String.join("\n", lines);
    }

    private static String line(Task task, Instant now) {
        StringBuilder line = new StringBuilder("• `#").append(task.id()).append("` ")
                .append(SlackText.escape(task.title(), LIST_TITLE_MAX))
                .append(" — ").append(TaskWords.status(task.status()));
        TaskWords.due(task, now).ifPresent(due -> line.append(" · due ").append(due));
        line.append(" · ").append(SlackText.person(task.assignee()));
        return line.toString();
    }

    /** ", assigned to @alice, due …" with what the task has; nothing for what it hasn't. */
    private static String summary(Task task) {
        StringBuilder s = new StringBuilder();
        task.assignee().ifPresent(a -> s.append(", assigned to ").append(SlackText.person(task.assignee())));
        task.dueDate().ifPresent(due -> s.append(", due ").append(SlackDates.token(due)));
        return s.toString();
    }
}
