package io.taskbridge.slack;

import io.taskbridge.outbox.Delivery;
import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.outbox.QuietTime;
import io.taskbridge.sync.BackendDelivery;
import io.taskbridge.connector.Backends;
import io.taskbridge.slack.SlackWeb;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Routes each outbox message to where it goes: a task system for decisions, else Slack's Web API
 * (reminders and digests to {@link ReminderDelivery}, everything else to {@link SlackDelivery}),
 * behind {@link ChannelFallback} so a channel the bot is not in is reported to the task's creator.
 */
public final class Deliveries implements Delivery {
    /** Slack messages wait this long between looks while Slack is not configured. */
    static final Duration NO_SLACK = Duration.ofMinutes(5);

    private final Optional<Delivery> slack;
    private final BackendDelivery backends;

    private Deliveries(Optional<Delivery> slack, Backends backends) {
        this.slack = slack;
        this.backends = new BackendDelivery(backends);
    }

    /** Everything routed; without {@code web} (Slack not configured) Slack messages wait in the outbox. */
    public static Deliveries of(Optional<SlackWeb> web, Backends backends, Jdbi jdbi, Clock clock, QuietTime quiet,
                                Outbox outbox) {
        Optional<Delivery> slack = web.map(w -> {
            SlackDelivery messages = new SlackDelivery(w, jdbi, clock);
            ReminderDelivery reminders = new ReminderDelivery(w, jdbi, clock, quiet);
            Delivery routed = a -> ReminderDelivery.handles(a.message()) ? reminders.deliver(a) : messages.deliver(a);
            return new ChannelFallback(routed, jdbi, outbox);
        });
        return new Deliveries(slack, backends);
    }

    @Override
    public Outcome deliver(Attempt attempt) {
        if (attempt.message() instanceof OutboxMessage.BackendDecision d) {
            return backends.deliver(d, attempt);
        }
        return slack.map(s -> s.deliver(attempt))
                .orElseGet(() -> new Outcome.WaitFor(NO_SLACK, "Slack is not configured"));
    }
}
