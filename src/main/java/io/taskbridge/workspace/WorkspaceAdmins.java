package io.taskbridge.workspace;

import java.util.Map;
import java.util.Optional;

/**
 * Whether Slack says a person is an admin or owner of their workspace. The Slack side implements
 * it with {@code users.info}; empty means Slack could not be asked (an outage, a missing scope),
 * which {@link Admins} treats as "not an admin" and does not remember.
 */
@FunctionalInterface
public interface WorkspaceAdmins {
    Optional<Boolean> isAdminOrOwner(String teamId, String userId);

    /**
     * Reads a {@code users.info} answer's {@code user} object: {@code is_admin} or {@code is_owner}
     * (a primary owner is also an owner). Missing flags read as false.
     */
    static boolean fromUsersInfo(Map<String, ?> user) {
        return Boolean.TRUE.equals(user.get("is_admin")) || Boolean.TRUE.equals(user.get("is_owner"))
                || Boolean.TRUE.equals(user.get("is_primary_owner"));
    }
}
