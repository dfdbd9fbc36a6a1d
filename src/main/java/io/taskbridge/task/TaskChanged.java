package io.taskbridge.task;

import java.time.Instant;
import java.util.Optional;

/**
 * The one event for "something about a task changed", wherever the change came from (a click, a
 * command, the REST API, a webhook, a poll). {@code before} is empty when the task was just created.
 */
public record TaskChanged(Optional<Task> before, Task after, String actor, Instant at) {

    public boolean isCreation() {
        return before.isEmpty();
    }

    public boolean statusChanged() {
        return before.map(b -> b.status() != after.status()).orElse(true);
    }
}
