package io.taskbridge.outbox;

import io.taskbridge.platform.WorkspaceId;
import java.time.Duration;
import java.time.Instant;

/** Sends one outbox message somewhere and says how it went. */
public interface Delivery {
    Outcome deliver(Attempt attempt);

    /**
     * One try at delivering an outbox row: the row, how many tries came before this one, when the
     * row was queued, the message, and the workspace it is for (whose token delivers it). A try before this one may have reached the receiver without
     * its row being settled (the service died, or the answer was lost), so a delivery that creates
     * something must look for it first when {@link #mayHaveBeenSent()}.
     */
    record Attempt(long rowId, int previousAttempts, Instant queuedAt, OutboxMessage message, WorkspaceId workspace) {

        /** Whether an earlier try may already have delivered this row. */
        public boolean mayHaveBeenSent() {
            return previousAttempts > 0;
        }
    }

    /** What happened to one attempt. */
    sealed interface Outcome {
        record Delivered() implements Outcome {}

        /** The receiver asked us to wait (HTTP 429 Retry-After). Does not count against the attempts. */
        record WaitFor(Duration delay, String reason) implements Outcome {}

        /** Failed; {@code retryable} failures back off and try again, others go dead at once. */
        record Failed(String reason, boolean retryable) implements Outcome {}
    }
}
