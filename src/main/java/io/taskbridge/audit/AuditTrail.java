package io.taskbridge.audit;

import io.taskbridge.approval.ApprovalChanged;
import io.taskbridge.approval.ApprovalEvents;
import io.taskbridge.approval.ApprovalResponse;
import io.taskbridge.approval.ApprovalStep;
import io.taskbridge.approval.DueAction;
import io.taskbridge.platform.Sql;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskChanged;
import io.taskbridge.task.TaskEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Writes the audit trail. It hears every {@link TaskChanged} and {@link ApprovalChanged} inside the
 * transaction that made the change, so a row is written exactly when the change commits, and never
 * for a change that rolled back. One event can make several rows (a rejection with its comment; a
 * change of status and assignee at once), in a fixed order.
 */
public final class AuditTrail implements TaskEvents, ApprovalEvents {
    private static final Sql APPEND = Sql.of(AuditDao.APPEND);
    /** Details longer than this are cut (a comment or title can be long; the row stays readable). */
    static final int MAX_DETAILS = 2000;

    @Override
    public void changed(TaskChanged event, Handle tx) {
        for (Row row : rows(event)) {
            append(tx, event.after(), event.actor(), event.at(), row, event.source());
        }
    }

    @Override
    public void changed(ApprovalChanged event, Handle tx) {
        for (Row row : rows(event)) {
            append(tx, event.task(), event.actor(), event.at(), row, event.source());
        }
    }

    /** What one audit row says, before it is stamped with who, when and where. */
    record Row(AuditAction action, String details) {}

    static List<Row> rows(TaskChanged event) {
        Task after = event.after();
        if (event.before().isEmpty()) {
            return List.of(new Row(AuditAction.TASK_CREATED, "\"" + after.title() + "\", " + after.status().name()
                    + after.assignee().map(a -> ", assigned to " + a).orElse("")
                    + after.dueDate().map(d -> ", due " + d).orElse("")));
        }
        Task before = event.before().get();
        List<Row> rows = new ArrayList<>();
        if (before.status() != after.status()) {
            rows.add(new Row(AuditAction.TASK_STATUS, before.status().name() + " -> " + after.status().name()));
        }
        if (!before.assignee().equals(after.assignee())) {
            rows.add(new Row(AuditAction.TASK_ASSIGNED, who(before.assignee()) + " -> " + who(after.assignee())));
        }
        if (!before.dueDate().equals(after.dueDate())) {
            rows.add(new Row(AuditAction.TASK_RESCHEDULED, when(before.dueDate()) + " -> " + when(after.dueDate())));
        }
        List<String> edited = new ArrayList<>();
        if (!before.title().equals(after.title())) {
            edited.add("title \"" + before.title() + "\" -> \"" + after.title() + "\"");
        }
        if (!before.description().equals(after.description())) {
            edited.add("description");
        }
        if (before.priority() != after.priority()) {
            edited.add("priority " + before.priority().name() + " -> " + after.priority().name());
        }
        if (!before.tags().equals(after.tags())) {
            edited.add("tags " + before.tags() + " -> " + after.tags());
        }
        if (!before.warning().equals(after.warning())) {
            edited.add("reminder offset");
        }
        if (!edited.isEmpty()) {
            rows.add(new Row(AuditAction.TASK_EDITED, String.join("; ", edited)));
        }
        return rows;
    }

    /**
     * Every kind of approval event has its row: the switch has no default, so a kind added to
     * {@link ApprovalChanged.Kind} does not compile until it says what the trail records for it.
     */
    static List<Row> rows(ApprovalChanged event) {
        int step = event.decidedStep();
        Row row = switch (event.kind()) {
            case REQUESTED -> new Row(AuditAction.APPROVAL_REQUESTED, "round " + event.approval().round() + ": "
                    + event.approval().steps().stream().map(AuditTrail::describe).collect(Collectors.joining("; ")));
            case ANSWERED -> new Row(AuditAction.APPROVAL_ANSWERED, "step " + (step + 1) + " " + decided(event)
                    + ", still waiting for " + waiting(event, step));
            case STEP_ADVANCED -> new Row(AuditAction.APPROVAL_STEP_ADVANCED, "step " + (step + 1) + " "
                    + decided(event) + "; step " + (step + 2) + " asks "
                    + String.join(", ", event.approval().steps().get(step + 1).participants()));
            case APPROVED -> new Row(AuditAction.APPROVAL_APPROVED, "step " + (step + 1) + " " + decided(event)
                    + "; the approval is complete");
            case REJECTED -> new Row(AuditAction.APPROVAL_REJECTED, "step " + (step + 1) + " " + decided(event));
            case GROUP_EXPANDED -> new Row(AuditAction.APPROVAL_GROUP_EXPANDED, "step " + (step + 1) + " group "
                    + event.approval().steps().get(step).groups().stream().map(g -> "@" + g.name())
                    .collect(Collectors.joining(", ")) + " asks " + people(event.people()));
            case DELEGATED -> new Row(AuditAction.APPROVAL_DELEGATED, "step " + (step + 1) + " "
                    + event.people().get(0) + " -> " + event.people().get(1));
            case ESCALATED -> new Row(AuditAction.APPROVAL_ESCALATED, "step " + (step + 1) + " passed its due date; asks "
                    + people(event.people()));
            case EXPIRED -> new Row(AuditAction.APPROVAL_EXPIRED, "step " + (step + 1) + " passed its due date unanswered by "
                    + people(event.people()));
        };
        Optional<String> comment = event.response().flatMap(ApprovalResponse::comment);
        return comment.isEmpty() ? List.of(row)
                : List.of(row, new Row(AuditAction.APPROVAL_COMMENTED, comment.get()));
    }

    private static String describe(ApprovalStep s) {
        List<String> asked = new ArrayList<>(s.participants());
        s.groups().forEach(g -> asked.add("@" + g.name()));
        return "step " + (s.position() + 1) + " " + (s.mode().isAll() ? "all of " : s.mode().words() + " of ")
                + String.join(", ", asked) + s.dueDate().map(d -> " due " + d).orElse("")
                + s.onDue().map(a -> a instanceof DueAction.Escalate e ? " then escalate " + e.userId() : " then expire")
                .orElse("");
    }

    private static String people(List<String> users) {
        return users.isEmpty() ? "nobody new" : String.join(", ", users);
    }

    private static String decided(ApprovalChanged event) {
        return event.response().map(r -> r.decision().pastTense()).orElse("answered");
    }

    private static String waiting(ApprovalChanged event, int step) {
        List<String> waiting = event.approval().steps().get(step).waitingFor();
        return waiting.isEmpty() ? "nobody" : String.join(", ", waiting);
    }

    private static String who(Optional<String> user) {
        return user.orElse("nobody");
    }

    private static String when(Optional<Instant> due) {
        return due.map(Instant::toString).orElse("no date");
    }

    private static void append(Handle tx, Task task, String actor, Instant at, Row row, io.taskbridge.task.Source source) {
        String details = row.details().length() > MAX_DETAILS ? row.details().substring(0, MAX_DETAILS) + "…" : row.details();
        // A plain statement (platform/Sql): every change appends a row here, deferred with the batch's others.
        APPEND.on(tx).bind("workspace", task.workspace().value()).bind("task", task.id()).bind("actor", actor)
                .bind("at", at.toEpochMilli()).bind("action", row.action().word()).bind("details", details)
                .bind("source", source.name()).defer();
    }
}
