package io.taskbridge.slack;

import io.taskbridge.approval.ApprovalService;
import io.taskbridge.outbox.Delivery;
import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.outbox.QuietTime;
import io.taskbridge.sync.BackendDelivery;
import io.taskbridge.connector.Backends;
import io.taskbridge.slack.SlackWeb;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Routes each outbox message to where it goes: a task system for reviews and decisions, else Slack's Web API
 * (reminders and digests to {@link ReminderDelivery}, App Homes to {@link HomeViews}, everything else to
 * {@link SlackDelivery}),
 * behind {@link ChannelFallback} so a channel the bot is not in is reported to the task's creator.
 */
public final class Deliveries implements Delivery {
    /** Slack messages wait this long between looks while Slack is not configured. */
    static final Duration NO_SLACK = Duration.ofMinutes(5);

    private final Optional<Delivery> slack;
    private final BackendDelivery backends;
    private final Optional<Delivery> steps;

    private Deliveries(Optional<Delivery> slack, BackendDelivery backends, Optional<Delivery> steps) {
        this.slack = slack;
        this.backends = backends;
        this.steps = steps;
    }

    /**
     * Everything routed; without {@code webs} (Slack not configured) Slack messages wait in the outbox.
     * Each Slack message goes out with the token of its row's workspace; a workspace without one
     * (never installed, or uninstalled) fails the row for good instead of retrying it forever.
     * {@code steps} delivers workflow steps' completions (each with its execution's token), {@code homes}
     * people's App Homes, {@code approvals} takes the members of user groups named as approvers.
     */
    public static Deliveries of(Optional<SlackWebs> webs, Backends backends, Jdbi jdbi, Clock clock, QuietTime quiet,
                                Outbox outbox, Optional<Delivery> steps, HomeViews homes,
                                ApprovalService approvals) {
        Optional<Delivery> slack = webs.map(all -> {
            Map<SlackWeb, Delivery> byClient = new ConcurrentHashMap<>();
            Delivery perWorkspace = a -> all.of(a.workspace())
                    .map(w -> byClient.computeIfAbsent(w, c -> routed(c, jdbi, clock, quiet, homes, approvals)).deliver(a))
                    .orElseGet(() -> new Outcome.Failed("workspace " + a.workspace() + " has no installation", false));
            return new ChannelFallback(perWorkspace, jdbi, outbox);
        });
        return new Deliveries(slack, new BackendDelivery(backends, jdbi, clock), steps);
    }

    private static Delivery routed(SlackWeb web, Jdbi jdbi, Clock clock, QuietTime quiet, HomeViews homes,
                                   ApprovalService approvals) {
        SlackDelivery messages = new SlackDelivery(web, jdbi, clock);
        ReminderDelivery reminders = new ReminderDelivery(web, jdbi, clock, quiet);
        GroupExpansions groups = new GroupExpansions(web, approvals);
        return a -> a.message() instanceof OutboxMessage.HomeView home ? homes.publish(web, a.workspace(), home)
                : ReminderDelivery.handles(a.message()) ? reminders.deliver(a)
                : GroupExpansions.handles(a.message()) ? groups.deliver(a) : messages.deliver(a);
    }

    @Override
    public Outcome deliver(Attempt attempt) {
        if (attempt.message() instanceof OutboxMessage.ForTaskSystem m) {
            return backends.deliver(m, attempt);
        }
        if (attempt.message() instanceof OutboxMessage.StepCompletion) {
            return steps.map(s -> s.deliver(attempt))
                    .orElseGet(() -> new Outcome.WaitFor(NO_SLACK, "Slack is not configured"));
        }
        return slack.map(s -> s.deliver(attempt))
                .orElseGet(() -> new Outcome.WaitFor(NO_SLACK, "Slack is not configured"));
    }
}
