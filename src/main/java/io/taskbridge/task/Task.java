package io.taskbridge.task;

import io.taskbridge.platform.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task as the built-in store keeps it (seed 001's fields, plus where it lives in Slack).
 * {@code warning} is seed 001's {@code warningOffset}: how long before the due date to remind.
 * {@code workspace} is the Slack workspace it belongs to; nobody in another sees it.
 * {@code version} grows with every change and is what concurrent writers compare and set.
 */
public record Task(
        long id,
        String title,
        Optional<String> description,
        Status status,
        Priority priority,
        Optional<String> assignee,
        String createdBy,
        Optional<Instant> dueDate,
        Optional<Duration> warning,
        List<String> tags,
        Instant createdAt,
        Instant updatedAt,
        Optional<SlackPlace> slack,
        long version,
        WorkspaceId workspace) {

    public Task {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(workspace, "workspace");
        tags = List.copyOf(tags);
    }

    public boolean isOverdue(Instant now) {
        return status.isOpen() && dueDate.map(due -> due.isBefore(now)).orElse(false);
    }

    /** The fields a person or client may change, as a draft, for re-validation after a change. */
    public TaskDraft draft() {
        return new TaskDraft(title, description, status, priority, assignee, dueDate, warning, tags);
    }

    /** This task in {@code changed}: as a change that writes only its status leaves it. */
    public Task withStatus(Status changed) {
        return new Task(id, title, description, changed, priority, assignee, createdBy, dueDate, warning, tags,
                createdAt, updatedAt, slack, version, workspace);
    }

    /** This task with {@code tagged} as its tags (as read from {@code task_tags}). */
    Task withTags(List<String> tagged) {
        return new Task(id, title, description, status, priority, assignee, createdBy, dueDate, warning, tagged,
                createdAt, updatedAt, slack, version, workspace);
    }

    /** This task with a draft's fields; identity, authorship and Slack place stay. */
    public Task with(TaskDraft draft, Instant now) {
        return new Task(id, draft.title().strip(), draft.description(), draft.status(), draft.priority(),
                draft.assignee(), createdBy, draft.dueDate(), draft.warning(), draft.tags(),
                createdAt, now, slack, version, workspace);
    }
}
