package io.taskbridge.sync;

import io.taskbridge.outbox.Delivery;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.approval.Decision;
import io.taskbridge.connector.Backends;
import io.taskbridge.connector.TaskBackend;
import java.util.Optional;

/** Delivers decisions to the task system that holds the task, through its {@link TaskBackend}. */
public final class BackendDelivery {
    private final Backends backends;

    public BackendDelivery(Backends backends) {
        this.backends = backends;
    }

    /** Delivers {@code d}; on a retry the connector is told when the first try was queued, so it can look first. */
    public Delivery.Outcome deliver(OutboxMessage.BackendDecision d, Delivery.Attempt attempt) {
        Optional<TaskBackend> backend = backends.named(d.connection());
        if (backend.isEmpty()) {
            return new Delivery.Outcome.Failed("no connection named " + d.connection() + " is configured", false);
        }
        TaskBackend.Result result = backend.get().submitDecision(new TaskBackend.Submission(d.externalId(),
                Decision.valueOf(d.decision()), Optional.ofNullable(d.comment()), d.actor(),
                attempt.previousAttempts() > 0 ? Optional.of(attempt.queuedAt()) : Optional.empty()));
        if (result instanceof TaskBackend.Result.Done) {
            return new Delivery.Outcome.Delivered();
        }
        if (result instanceof TaskBackend.Result.Throttled throttled) {
            return new Delivery.Outcome.WaitFor(throttled.after(), d.connection() + " asked us to wait");
        }
        if (result instanceof TaskBackend.Result.Unavailable unavailable) {
            return new Delivery.Outcome.Failed(unavailable.reason(), true);
        }
        return new Delivery.Outcome.Failed(((TaskBackend.Result.Refused) result).reason(), false);
    }
}
