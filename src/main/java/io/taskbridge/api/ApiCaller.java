package io.taskbridge.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling the API: the key's id (what rate limits and idempotency keys are counted by), the
 * principal tasks are attributed to ({@code createdBy}), and the role that decides what it may do.
 */
public record ApiCaller(String keyId, String principal, Role role) {
    public ApiCaller {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(role, "role");
    }

    /** Members may leave a task unassigned or assign it to themselves; admins and managers to anyone. */
    public boolean mayAssign(Optional<String> assignee) {
        return role.assignsOthers() || assignee.map(principal::equals).orElse(true);
    }
}
