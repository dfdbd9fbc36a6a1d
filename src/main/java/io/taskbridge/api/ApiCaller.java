package io.taskbridge.api;

import io.taskbridge.workspace.ApiKeyHolder;
import io.taskbridge.workspace.KeyRole;
import io.taskbridge.platform.WorkspaceId;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling the API: the key's id (what rate limits and idempotency keys are counted by), the
 * principal tasks are attributed to ({@code createdBy}), the role that decides what it may do, and
 * the one workspace whose tasks and keys it sees.
 */
public record ApiCaller(String keyId, String principal, KeyRole role, WorkspaceId workspace) {
    public ApiCaller {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(role, "role");
    }

    /** Members may leave a task unassigned or assign it to themselves; admins and managers to anyone. */
    public boolean mayAssign(Optional<String> assignee) {
        return role != KeyRole.MEMBER || assignee.map(principal::equals).orElse(true);
    }

    /** The operator's key ({@code TASKBRIDGE_ADMIN_KEY}): it may issue keys for any workspace. */
    public boolean operator() {
        return keyId.equals(ApiKeys.ENV_ADMIN_ID);
    }

    /** The caller as the permission policy sees it. */
    public ApiKeyHolder holder() {
        return new ApiKeyHolder(principal, role);
    }
}
