package io.taskbridge.task;

import org.jdbi.v3.core.Handle;

/**
 * Hears every {@link TaskChanged} inside the transaction that made the change, so what it writes
 * (an outbox row, a re-planned reminder) commits or rolls back with the change itself.
 */
@FunctionalInterface
public interface TaskEvents {
    void changed(TaskChanged event, Handle transaction);

    static TaskEvents all(java.util.List<TaskEvents> listeners) {
        var copy = java.util.List.copyOf(listeners);
        return (event, tx) -> copy.forEach(l -> l.changed(event, tx));
    }
}
