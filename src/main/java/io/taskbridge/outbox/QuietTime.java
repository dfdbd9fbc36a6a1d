package io.taskbridge.outbox;

import java.time.Instant;
import java.util.Optional;

/** When a person's quiet hours end, if they are in them at {@code now}: DMs wait until then. */
@FunctionalInterface
public interface QuietTime {
    Optional<Instant> quietUntil(String userId, Instant now);

    /** Nobody is ever quiet. */
    QuietTime NEVER = (user, now) -> Optional.empty();
}
