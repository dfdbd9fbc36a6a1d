package io.taskbridge.outbox;

import io.taskbridge.platform.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts every delivery attempt by destination ({@code slack}, or the task-system connection a
 * decision goes to), message kind and result, and times reminders from their fire time to their
 * delivery. Wraps the real {@link Delivery}; changes nothing about what it does.
 */
public final class MeasuredDelivery implements Delivery {
    private final Delivery delivery;
    private final Metrics metrics;
    private final Clock clock;

    public MeasuredDelivery(Delivery delivery, Metrics metrics, Clock clock) {
        this.delivery = delivery;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public Outcome deliver(Attempt attempt) {
        OutboxMessage message = attempt.message();
        String destination = message instanceof OutboxMessage.ForTaskSystem t ? t.connection() : "slack";
        Outcome outcome;
        try {
            outcome = delivery.deliver(attempt);
        } catch (RuntimeException e) {
            metrics.delivery(destination, message.kind(), "error");
            throw e;
        }
        metrics.delivery(destination, message.kind(), result(message, outcome));
        if (outcome instanceof Outcome.Delivered) {
            fireTime(message).ifPresent(at -> metrics.reminderLag(Duration.between(at, Instant.now(clock))));
        }
        return outcome;
    }

    /** How a task system's request to wait (its 429) ends the reason of a {@link Outcome.WaitFor}. */
    public static final String ASKED_TO_WAIT = " asked us to wait";

    /**
     * {@code delivered}; {@code rate_limited} (Slack's 429, or a task system asking us to wait);
     * {@code deferred} (any other wait: quiet hours, a thread whose parent is not posted yet);
     * {@code failed} (will be retried); {@code refused} (goes dead at once).
     */
    static String result(OutboxMessage message, Outcome outcome) {
        if (outcome instanceof Outcome.Delivered) {
            return "delivered";
        }
        if (outcome instanceof Outcome.WaitFor wait) {
            return OutboxWorker.RATE_LIMITED.equals(wait.reason())
                    || message instanceof OutboxMessage.ForTaskSystem && wait.reason().endsWith(ASKED_TO_WAIT)
                    ? "rate_limited" : "deferred";
        }
        return ((Outcome.Failed) outcome).retryable() ? "failed" : "refused";
    }

    private static Optional<Instant> fireTime(OutboxMessage message) {
        if (message instanceof OutboxMessage.ReminderReply r) {
            return r.fireAt();
        }
        if (message instanceof OutboxMessage.ReminderDm d) {
            return d.fireAt();
        }
        return Optional.empty();
    }
}
