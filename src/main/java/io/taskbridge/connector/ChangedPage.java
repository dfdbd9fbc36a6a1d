package io.taskbridge.connector;

import java.util.List;
import java.util.Optional;

/**
 * One page of tasks changed since a cursor, oldest change first. {@code next} is the opaque token
 * for the following page (Workiva's {@code @nextLink}, awork's next page number, an offset), empty
 * on the last page.
 */
public record ChangedPage(List<RemoteTask> tasks, Optional<String> next) {
    public ChangedPage {
        tasks = List.copyOf(tasks);
    }
}
