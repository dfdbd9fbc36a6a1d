package io.taskbridge.approval;

import org.jdbi.v3.core.Handle;

/** Hears every {@link ApprovalChanged} inside the transaction that made it. */
@FunctionalInterface
public interface ApprovalEvents {
    void changed(ApprovalChanged event, Handle transaction);

    /** Every listener, in order, in the same transaction. */
    static ApprovalEvents all(java.util.List<ApprovalEvents> listeners) {
        var copy = java.util.List.copyOf(listeners);
        return (event, tx) -> copy.forEach(l -> l.changed(event, tx));
    }
}
