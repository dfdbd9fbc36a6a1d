package io.taskbridge.audit;

import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.Source;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the audit trail: in which workspace, on which task, who ({@code actor}: a Slack user
 * id, a REST key's principal, a task system's name), when, what, the details (plain text, never
 * formatted for a surface) and from where. {@code id} orders rows as they were written.
 */
public record AuditEntry(long id, WorkspaceId workspace, long taskId, String actor, Instant at, AuditAction action,
                         String details, Source source) {
    public AuditEntry {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(source, "source");
    }
}
