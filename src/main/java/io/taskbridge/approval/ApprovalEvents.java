package io.taskbridge.approval;

import org.jdbi.v3.core.Handle;

/** Hears every {@link ApprovalChanged} inside the transaction that made it. */
@FunctionalInterface
public interface ApprovalEvents {
    void changed(ApprovalChanged event, Handle transaction);
}
