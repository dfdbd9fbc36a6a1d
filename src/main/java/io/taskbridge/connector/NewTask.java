package io.taskbridge.connector;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What a connector needs to create a task: {@code assignee} is already the system's own user id. */
public record NewTask(String title, Optional<String> description, Optional<String> assignee,
                      Optional<Instant> dueDate, boolean priority) {
    public NewTask {
        Objects.requireNonNull(title, "title");
    }
}
