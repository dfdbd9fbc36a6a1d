package io.taskbridge.notify;

import java.time.Duration;

/** Sends one outbox message somewhere and says how it went. */
public interface Delivery {
    Outcome deliver(OutboxMessage message);

    /** What happened to one attempt. */
    sealed interface Outcome {
        record Delivered() implements Outcome {}

        /** The receiver asked us to wait (HTTP 429 Retry-After). Does not count against the attempts. */
        record WaitFor(Duration delay, String reason) implements Outcome {}

        /** Failed; {@code retryable} failures back off and try again, others go dead at once. */
        record Failed(String reason, boolean retryable) implements Outcome {}
    }
}
