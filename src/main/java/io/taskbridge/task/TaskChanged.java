package io.taskbridge.task;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one event for "something about a task changed", wherever the change came from (a click, a
 * command, the REST API, a webhook, a poll): {@code source} says which. {@code before} is empty when
 * the task was just created. {@code approvers}: the people of the task's latest approval round, when
 * whoever announces the change has them at hand (a decision read the round), so that no listener
 * reads them again; empty when not known.
 */
public record TaskChanged(Optional<Task> before, Task after, String actor, Instant at, Source source,
                          Optional<List<String>> approvers) {
    public TaskChanged {
        Objects.requireNonNull(source, "source");
        approvers = approvers.map(List::copyOf);
    }

    /** An event the service stamps with its source as it is announced ({@link TaskService#via}). */
    public TaskChanged(Optional<Task> before, Task after, String actor, Instant at) {
        this(before, after, actor, at, Source.SYSTEM, Optional.empty());
    }

    public TaskChanged withSource(Source from) {
        return new TaskChanged(before, after, actor, at, from, approvers);
    }

    /** This event with the approvers of the task's latest round, as its announcer read them. */
    public TaskChanged withApprovers(List<String> people) {
        return new TaskChanged(before, after, actor, at, source, Optional.of(people));
    }

    public boolean isCreation() {
        return before.isEmpty();
    }

    public boolean statusChanged() {
        return before.map(b -> b.status() != after.status()).orElse(true);
    }
}
