package io.taskbridge.sync;

import io.taskbridge.connector.RemoteTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What changed in a task, as its system of record shows it: found by comparing what a poll or
 * webhook brings with what was seen before. The subscriptions' notices and the thread notes say these.
 */
public sealed interface RemoteChange {
    record Created() implements RemoteChange {}

    record StatusChanged(String from, String to) implements RemoteChange {}

    record Responded(RemoteTask.Response response) implements RemoteChange {}

    record AssigneesChanged(List<String> from, List<String> to) implements RemoteChange {}

    record DueChanged(Optional<Instant> from, Optional<Instant> to) implements RemoteChange {}

    record Retitled(String from, String to) implements RemoteChange {}

    /** The differences between the last-seen state and the new one, in a fixed order. */
    static List<RemoteChange> between(Optional<RemoteTask> before, RemoteTask after) {
        if (before.isEmpty()) {
            return List.of(new Created());
        }
        RemoteTask b = before.get();
        List<RemoteChange> changes = new ArrayList<>();
        if (!b.title().equals(after.title())) {
            changes.add(new Retitled(b.title(), after.title()));
        }
        if (!b.remoteStatus().equals(after.remoteStatus())) {
            changes.add(new StatusChanged(b.remoteStatus(), after.remoteStatus()));
        }
        Set<RemoteTask.Response> seen = new HashSet<>(b.responses());
        after.responses().stream().filter(r -> !seen.contains(r)).forEach(r -> changes.add(new Responded(r)));
        if (!new HashSet<>(b.assignees()).equals(new HashSet<>(after.assignees()))) {
            changes.add(new AssigneesChanged(b.assignees(), after.assignees()));
        }
        if (!b.dueDate().equals(after.dueDate())) {
            changes.add(new DueChanged(b.dueDate(), after.dueDate()));
        }
        return changes;
    }
}
