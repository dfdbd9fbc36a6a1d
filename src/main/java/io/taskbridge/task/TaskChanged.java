package io.taskbridge.task;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The one event for "something about a task changed", wherever the change came from (a click, a
 * command, the REST API, a webhook, a poll): {@code source} says which. {@code before} is empty when
 * the task was just created.
 */
public record TaskChanged(Optional<Task> before, Task after, String actor, Instant at, Source source) {
    public TaskChanged {
        Objects.requireNonNull(source, "source");
    }

    /** An event the service stamps with its source as it is announced ({@link TaskService#via}). */
    public TaskChanged(Optional<Task> before, Task after, String actor, Instant at) {
        this(before, after, actor, at, Source.SYSTEM);
    }

    public TaskChanged withSource(Source from) {
        return new TaskChanged(before, after, actor, at, from);
    }

    public boolean isCreation() {
        return before.isEmpty();
    }

    public boolean statusChanged() {
        return before.map(b -> b.status() != after.status()).orElse(true);
    }
}
