package io.taskbridge.reminder;

import java.time.Instant;
import java.util.Optional;

/** Re-plans a reminder when someone presses Snooze; implemented by the reminder planner. */
@FunctionalInterface
public interface Snoozer {
    /** Reminds {@code userId} about the task again at {@code until}; empty when the task is closed or gone. */
    Optional<Instant> snooze(long taskId, String userId, Instant until);
}
