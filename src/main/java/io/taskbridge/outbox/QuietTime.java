package io.taskbridge.outbox;

import io.taskbridge.platform.WorkspaceId;
import java.time.Instant;
import java.util.Optional;

/** When a person's quiet hours end, if they are in them at {@code now}: DMs wait until then. */
@FunctionalInterface
public interface QuietTime {
    Optional<Instant> quietUntil(WorkspaceId workspace, String userId, Instant now);

    /** Nobody is ever quiet. */
    QuietTime NEVER = (workspace, user, now) -> Optional.empty();
}
