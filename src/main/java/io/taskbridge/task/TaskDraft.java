package io.taskbridge.task;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settable fields of a task, before validation: what every entry point builds. Text is cleaned
 * here ({@link InputBounds#clean}), so no entry point stores a control character.
 */
public record TaskDraft(
        String title,
        Optional<String> description,
        Status status,
        Priority priority,
        Optional<String> assignee,
        Optional<Instant> dueDate,
        Optional<Duration> warning,
        List<String> tags) {

    public TaskDraft {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        title = InputBounds.clean(title);
        description = description.map(InputBounds::clean).filter(d -> !d.isBlank());
        assignee = assignee.map(InputBounds::clean).filter(a -> !a.isBlank());
        tags = List.copyOf(new LinkedHashSet<>(tags.stream().map(InputBounds::clean).toList()));
    }

    public static TaskDraft titled(String title) {
        return new TaskDraft(title, Optional.empty(), Status.DEFAULT, Priority.DEFAULT, Optional.empty(),
                Optional.empty(), Optional.empty(), List.of());
    }

    public TaskDraft withTitle(String t) {
        return new TaskDraft(t, description, status, priority, assignee, dueDate, warning, tags);
    }

    public TaskDraft withStatus(Status s) {
        return new TaskDraft(title, description, s, priority, assignee, dueDate, warning, tags);
    }

    public TaskDraft withAssignee(Optional<String> a) {
        return new TaskDraft(title, description, status, priority, a, dueDate, warning, tags);
    }

    public TaskDraft withDueDate(Optional<Instant> due) {
        return new TaskDraft(title, description, status, priority, assignee, due, warning, tags);
    }

    public TaskDraft withDescription(Optional<String> d) {
        return new TaskDraft(title, d, status, priority, assignee, dueDate, warning, tags);
    }

    public TaskDraft withPriority(Priority p) {
        return new TaskDraft(title, description, status, p, assignee, dueDate, warning, tags);
    }

    public TaskDraft withWarning(Optional<Duration> w) {
        return new TaskDraft(title, description, status, priority, assignee, dueDate, w, tags);
    }

    public TaskDraft withTags(List<String> t) {
        return new TaskDraft(title, description, status, priority, assignee, dueDate, warning, t);
    }
}
