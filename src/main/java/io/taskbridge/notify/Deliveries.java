package io.taskbridge.notify;

import io.taskbridge.backend.Backends;
import io.taskbridge.slack.SlackWeb;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Routes each outbox message to where it goes: Slack's Web API, or a task system. */
public final class Deliveries implements Delivery {
    /** Slack messages wait this long between looks while Slack is not configured. */
    static final Duration NO_SLACK = Duration.ofMinutes(5);

    private final Optional<SlackDelivery> slack;
    private final BackendDelivery backends;

    public Deliveries(Optional<SlackWeb> web, Backends backends, Jdbi jdbi, Clock clock) {
        this.slack = web.map(w -> new SlackDelivery(w, jdbi, clock));
        this.backends = new BackendDelivery(backends);
    }

    @Override
    public Outcome deliver(OutboxMessage message) {
        if (message instanceof OutboxMessage.BackendDecision d) {
            return backends.deliver(d);
        }
        return slack.map(s -> s.deliver(message))
                .orElseGet(() -> new Outcome.WaitFor(NO_SLACK, "Slack is not configured"));
    }
}
