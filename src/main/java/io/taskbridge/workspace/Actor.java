package io.taskbridge.workspace;

import java.util.Objects;

/** Who asks: a Slack user id (or a REST key's principal) and whether {@link Admins} made them an admin. */
public record Actor(String userId, boolean admin) {
    public Actor {
        Objects.requireNonNull(userId, "userId");
    }

    public static Actor person(String userId) {
        return new Actor(userId, false);
    }

    public static Actor admin(String userId) {
        return new Actor(userId, true);
    }
}
