package io.taskbridge.platform;

import java.util.Objects;
import java.util.Optional;

/**
 * The Slack workspace a row belongs to: its team id (T…), or for an org-wide (Enterprise Grid)
 * installation the organisation's enterprise id (E…). Every task, key, digest, connection and outbox
 * row carries one, and every look-up is scoped by it.
 */
public record WorkspaceId(String value) {
    /**
     * Rows written before workspaces existed (migration V13), until the single workspace they belong
     * to is known: the service asks Slack ({@code auth.test}) at start and moves them there.
     */
    public static final WorkspaceId UNRESOLVED = new WorkspaceId("~");

    public WorkspaceId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a workspace id is not blank");
        }
    }

    /**
     * The workspace a Slack payload is for: the enterprise for an org-wide installation, else the
     * team. Empty when the payload names neither.
     */
    public static Optional<WorkspaceId> of(Optional<String> teamId, Optional<String> enterpriseId,
                                           boolean enterpriseInstall) {
        Optional<String> enterprise = enterpriseId.filter(e -> !e.isBlank());
        if (enterpriseInstall && enterprise.isPresent()) {
            return enterprise.map(WorkspaceId::new);
        }
        return teamId.filter(t -> !t.isBlank()).map(WorkspaceId::new);
    }

    @Override
    public String toString() {
        return value;
    }
}
