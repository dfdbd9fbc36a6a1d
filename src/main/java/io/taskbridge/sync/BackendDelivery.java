package io.taskbridge.sync;

import io.taskbridge.outbox.Delivery;
import io.taskbridge.outbox.MeasuredDelivery;
import io.taskbridge.outbox.OutboxDao;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.approval.Decision;
import io.taskbridge.connector.Backends;
import io.taskbridge.connector.TaskBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Delivers reviews and decisions to the task system that holds the task, through its
 * {@link TaskBackend}. A decision waits while the task's review is still on its way there: the
 * step it answers must exist first (the two share a lane, but a review being retried is not due).
 */
public final class BackendDelivery {
    /** The shortest wait of a decision behind its review. */
    static final Duration BEHIND_REVIEW = Duration.ofSeconds(1);

    private final Backends backends;
    private final Jdbi jdbi;
    private final Clock clock;

    public BackendDelivery(Backends backends, Jdbi jdbi, Clock clock) {
        this.backends = backends;
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Delivers {@code m}; on a retry the connector is told when the first try was queued, so it can look first. */
    public Delivery.Outcome deliver(OutboxMessage.ForTaskSystem m, Delivery.Attempt attempt) {
        Optional<TaskBackend> backend = backends.named(m.connection());
        if (backend.isEmpty()) {
            return new Delivery.Outcome.Failed("no connection named " + m.connection() + " is configured", false);
        }
        Optional<java.time.Instant> triedSince = attempt.previousAttempts() > 0 ? Optional.of(attempt.queuedAt())
                : Optional.empty();
        TaskBackend.Result result;
        if (m instanceof OutboxMessage.BackendReview r) {
            result = backend.get().requestReview(new TaskBackend.Review(r.externalId(), r.stepDueDates(), triedSince));
        } else {
            OutboxMessage.BackendDecision d = (OutboxMessage.BackendDecision) m;
            Optional<Long> review = jdbi.withExtension(OutboxDao.class,
                    dao -> dao.pendingAt(OutboxMessage.BackendReview.key(d.taskId())));
            if (review.isPresent()) {
                Duration wait = Duration.ofMillis(Math.max(BEHIND_REVIEW.toMillis(), review.get() - clock.millis()));
                return new Delivery.Outcome.WaitFor(wait, "the review of task #" + d.taskId() + " is not in "
                        + d.connection() + " yet");
            }
            result = backend.get().submitDecision(new TaskBackend.Submission(d.externalId(),
                    Decision.valueOf(d.decision()), Optional.ofNullable(d.comment()), d.actor(), triedSince));
        }
        if (result instanceof TaskBackend.Result.Done) {
            return new Delivery.Outcome.Delivered();
        }
        if (result instanceof TaskBackend.Result.Throttled throttled) {
            return new Delivery.Outcome.WaitFor(throttled.after(), m.connection() + MeasuredDelivery.ASKED_TO_WAIT);
        }
        if (result instanceof TaskBackend.Result.Unavailable unavailable) {
            return new Delivery.Outcome.Failed(unavailable.reason(), true);
        }
        return new Delivery.Outcome.Failed(((TaskBackend.Result.Refused) result).reason(), false);
    }
}
