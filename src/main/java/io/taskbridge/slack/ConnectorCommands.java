package io.taskbridge.slack;

import io.taskbridge.connector.BackendException;
import io.taskbridge.connector.Backends;
import io.taskbridge.connector.TaskBackend;
import io.taskbridge.command.Command;
import io.taskbridge.command.DueDates;
import io.taskbridge.command.Usage;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.sync.Connections;
import io.taskbridge.sync.RemoteTasks;
import io.taskbridge.sync.Subscriptions;
import io.taskbridge.task.Priority;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Status;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskProblem;
import io.taskbridge.task.TaskRules;
import io.taskbridge.workspace.Admins;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The {@code /task} commands about task systems ({@code connect}, {@code link}, {@code subscribe},
 * {@code unsubscribe}, {@code subscriptions}), and the Slack side of the commands that change a task
 * held in one: {@link RemoteTasks} makes the change there and records it; this says how it went.
 * Runs after the ack; every failure of the task system becomes a reply that says what to do.
 */
public final class ConnectorCommands {
    private final RemoteTasks remote;
    private final Connections connections;
    private final Subscriptions subscriptions;
    private final BiFunction<WorkspaceId, String, ZoneId> zones;
    private final BiFunction<WorkspaceId, String, Optional<String>> emails;
    private final Clock clock;
    private final Admins admins;

    /**
     * {@code admins} say who may connect channels, link people and subscribe channels; {@code zones} and
     * {@code emails} look a person up in the workspace they act in.
     */
    public ConnectorCommands(RemoteTasks remote, Connections connections, Subscriptions subscriptions,
                             BiFunction<WorkspaceId, String, ZoneId> zones,
                             BiFunction<WorkspaceId, String, Optional<String>> emails, Clock clock, Admins admins) {
        this.admins = admins;
        this.remote = remote;
        this.connections = connections;
        this.subscriptions = subscriptions;
        this.zones = zones;
        this.emails = emails;
        this.clock = clock;
    }

    /** The handlers of the commands about task systems. */
    void register(CommandHandlers handlers) {
        handlers.on(Command.Connect.class, (c, caller, key) -> guarded(() -> connect(c, caller)))
                .on(Command.Link.class, (l, caller, key) -> guarded(() -> link(l, caller)))
                .on(Command.Subscribe.class, (s, caller, key) -> guarded(() -> subscribe(s, caller)))
                .on(Command.Unsubscribe.class, (u, caller, key) -> guarded(() -> unsubscribe(u, caller)))
                .on(Command.Subscriptions.class, (s, caller, key) -> guarded(() -> subscriptionsIn(caller)));
    }

    /** True when tasks made in the caller's channel are kept in the built-in store (no remote call). */
    public boolean createsHere(Caller caller) {
        return connections.of(caller.workspace(), caller.channelId()).equals(Backends.BUILTIN);
    }

    /** What to answer at once, before the work: "Creating in Workiva…" for a task made elsewhere. */
    public Optional<String> ack(Command command, Caller caller) {
        if (command instanceof Command.Add) {
            String connection = connections.of(caller.workspace(), caller.channelId());
            if (!connection.equals(Backends.BUILTIN)) {
                return Optional.of(":hourglass_flowing_sand: Creating in " + display(caller, connection) + "…");
            }
        }
        return Optional.empty();
    }

    /** The reply for a task made in the channel's task system; empty when the channel's tasks stay here. */
    Optional<String> add(Command.Add add, Caller caller) {
        String connection = connections.of(caller.workspace(), caller.channelId());
        if (connection.equals(Backends.BUILTIN)) {
            return Optional.empty();
        }
        return Optional.of(guarded(() -> createElsewhere(add, caller, connection)));
    }

    /** The reply for a status change of a task held elsewhere; empty when the task is held here. */
    Optional<String> moveTo(long taskId, Status target, Caller caller) {
        return elsewhere(taskId, held -> Replies.changed(remote.moveTo(held, target, caller.userId())));
    }

    /** The reply for assigning a task held elsewhere; empty when the task is held here. */
    Optional<String> assign(Command.Assign a, Caller caller) {
        return elsewhere(a.taskId(), held -> {
            Optional<String> user = connections.remoteUser(caller.workspace(), held.backend(), a.assignee(),
                    emails(caller));
            if (user.isEmpty()) {
                return notLinked(a.assignee(), held.backend());
            }
            return Replies.changed(remote.assign(held, user, caller.userId()));
        });
    }

    /** The reply for a new due date of a task held elsewhere; empty when the task is held here. */
    Optional<String> due(Command.Due due, Caller caller) {
        return elsewhere(due.taskId(), held -> {
            Optional<Instant> when = Optional.empty();
            if (due.due().isPresent()) {
                DueDates.Parsed parsed = DueDates.parse(due.due().get(),
                        clock.instant().atZone(zones.apply(caller.workspace(), caller.userId())));
                if (parsed instanceof DueDates.Parsed.Unreadable u) {
                    return ":warning: " + u.problem() + "\n" + Usage.DUE;
                }
                when = Optional.of(((DueDates.Parsed.At) parsed).when().toInstant());
            }
            return Replies.changed(remote.reschedule(held, when, caller.userId()));
        });
    }

    /** A Start or Done click on a task held elsewhere; empty when the task is held here. */
    public Optional<String> button(long taskId, Status target, String userId) {
        try {
            return remote.held(taskId).map(h -> Replies.changed(remote.moveTo(h, target, userId)));
        } catch (BackendException e) {
            return Optional.of(":warning: " + explain(e));
        }
    }

    private Optional<String> elsewhere(long taskId, Function<RemoteTasks.Held, String> change) {
        return guarded(() -> remote.held(taskId).map(change), Optional::of);
    }

    private static String guarded(Supplier<String> reply) {
        return guarded(reply, warning -> warning);
    }

    /** What {@code work} returns, or its refusal as a warning for the person. */
    private static <T> T guarded(Supplier<T> work, Function<String, T> warning) {
        try {
            return work.get();
        } catch (BackendException e) {
            return warning.apply(":warning: " + explain(e));
        } catch (TaskProblem e) {
            return warning.apply(":warning: " + e.getMessage());
        }
    }

    private String subscribe(Command.Subscribe s, Caller caller) {
        if (!admins.isAdmin(caller.workspace().value(), caller.userId())) {
            return ":no_entry: Only Taskbridge admins can send a task system's changes into a channel.";
        }
        if (connections.backend(caller.workspace(), s.connection()).isEmpty()
                || !connections.claim(caller.workspace(), s.connection(), caller.userId())) {
            return unknown(caller, s.connection(), Usage.SUBSCRIBE);
        }
        subscriptions.subscribe(caller.workspace(), caller.teamId(), caller.channelId(), s.connection(),
                new Subscriptions.Filter(s.assignee(), s.status(), s.title()), caller.userId());
        return "This channel now hears about " + display(caller, s.connection()) + " changes"
                + new Subscriptions.Filter(s.assignee(), s.status(), s.title()).describe().replace(" (every change)", "")
                + ". `/task unsubscribe " + s.connection() + "` stops it.";
    }

    private String unsubscribe(Command.Unsubscribe u, Caller caller) {
        int n = subscriptions.unsubscribe(caller.workspace(), caller.channelId(), u.connection());
        return n == 0 ? "This channel had no subscription to " + display(caller, u.connection()) + "."
                : "This channel no longer hears about " + display(caller, u.connection()) + " changes.";
    }

    private String subscriptionsIn(Caller caller) {
        List<Subscriptions.Subscription> list = subscriptions.in(caller.workspace(), caller.channelId());
        return list.isEmpty() ? "This channel has no subscriptions. " + Usage.SUBSCRIBE
                : "*This channel hears about*\n" + list.stream().map(s -> "• " + display(caller, s.connection())
                        + s.filter().describe()).collect(Collectors.joining("\n"));
    }

    private String connect(Command.Connect c, Caller caller) {
        if (!admins.isAdmin(caller.workspace().value(), caller.userId())) {
            return ":no_entry: Only Taskbridge admins can change where this channel's tasks go.";
        }
        if (!connections.names(caller.workspace()).contains(c.connection())) {
            return unknown(caller, c.connection(), Usage.CONNECT);
        }
        try {
            connections.connect(caller.workspace(), caller.teamId(), caller.channelId(), c.connection(), caller.userId());
        } catch (IllegalArgumentException claimedMeanwhile) {
            return unknown(caller, c.connection(), Usage.CONNECT);
        }
        return c.connection().equals(Backends.BUILTIN)
                ? "New tasks in this channel stay in Taskbridge's own store."
                : "New tasks in this channel go to " + display(caller, c.connection()) + ". People are matched by email where "
                        + display(caller, c.connection()) + " can look them up; `/task link @person <id>` sets anyone else.";
    }

    private String link(Command.Link l, Caller caller) {
        if (!admins.isAdmin(caller.workspace().value(), caller.userId())) {
            return ":no_entry: Only Taskbridge admins can link people to task-system users.";
        }
        String connection = l.connection().orElse(connections.of(caller.workspace(), caller.channelId()));
        if (connection.equals(Backends.BUILTIN)) {
            return ":warning: This channel keeps its tasks in Taskbridge; name the system: `/task link <@" + l.userId()
                    + "> " + l.remoteUserId() + " workiva`.";
        }
        if (connections.backend(caller.workspace(), connection).isEmpty()) {
            return unknown(caller, connection, Usage.LINK);
        }
        connections.link(caller.workspace(), connection, l.userId(), l.remoteUserId(), caller.userId());
        return "<@" + l.userId() + "> is `" + SlackText.escape(l.remoteUserId(), 200) + "` in "
                + display(caller, connection) + ".";
    }

    private String createElsewhere(Command.Add add, Caller caller, String connection) {
        Optional<TaskBackend> backend = connections.backend(caller.workspace(), connection);
        if (backend.isEmpty()) {
            return ":warning: This channel's tasks go to " + connection + ", which is not configured here."
                    + " An admin can set it up, or `/task connect builtin`.";
        }
        Optional<Instant> due = Optional.empty();
        if (add.due().isPresent()) {
            DueDates.Parsed parsed = DueDates.parse(add.due().get(),
                    clock.instant().atZone(zones.apply(caller.workspace(), caller.userId())));
            if (parsed instanceof DueDates.Parsed.Unreadable u) {
                return ":warning: " + u.problem() + "\n" + Usage.ADD;
            }
            due = Optional.of(((DueDates.Parsed.At) parsed).when().toInstant());
        }
        TaskDraft draft = TaskDraft.titled(add.title()).withAssignee(add.assignee()).withDueDate(due)
                .withPriority(add.priority().orElse(Priority.DEFAULT)).withTags(add.tags()).withWarning(add.remind());
        Map<String, String> problems = TaskRules.check(draft, Optional.empty(), clock.instant());
        if (!problems.isEmpty()) {
            return ":warning: " + String.join(" ", problems.values()) + "\n" + Usage.ADD;
        }
        Optional<String> assignee = Optional.empty();
        if (add.assignee().isPresent()) {
            assignee = connections.remoteUser(caller.workspace(), backend.get(), add.assignee().get(), emails(caller));
            if (assignee.isEmpty()) {
                return notLinked(add.assignee().get(), backend.get());
            }
        }
        RemoteTasks.Created created = remote.create(caller.workspace(), backend.get(), draft, assignee,
                SlackPlace.channel(caller.teamId(), caller.channelId(), caller.kind().name()), caller.userId());
        return Replies.created(created.task()) + " It lives in " + backend.get().displayName()
                + created.remote().url().map(u -> ": <" + u + "|open it there>").orElse("") + ".";
    }

    private Function<String, Optional<String>> emails(Caller caller) {
        return user -> emails.apply(caller.workspace(), user);
    }

    private String notLinked(String slackUser, TaskBackend backend) {
        return ":warning: I don't know who <@" + slackUser + "> is in " + backend.displayName()
                + ". An admin can say: `/task link <@" + slackUser + "> <their " + backend.displayName() + " user id>`.";
    }

    /** The same answer for a connection that is not configured and for one another workspace uses. */
    private String unknown(Caller caller, String connection, String usage) {
        return ":warning: There is no connection named “" + SlackText.escape(connection, 40) + "” here. Configured: "
                + String.join(", ", connections.names(caller.workspace())) + ".\n" + usage;
    }

    private String display(Caller caller, String connection) {
        return connections.backend(caller.workspace(), connection).map(TaskBackend::displayName).orElse(connection);
    }

    /** A task system's refusal as a reply: its message, then each field it named. */
    static String explain(BackendException e) {
        if (e instanceof BackendException.Invalid invalid && !invalid.fields().isEmpty()) {
            return SlackText.escape(e.getMessage(), 1000) + "\n" + invalid.fields().entrySet().stream()
                    .map(f -> "• `" + SlackText.escape(f.getKey(), 60) + "`: " + SlackText.escape(f.getValue(), 300))
                    .collect(Collectors.joining("\n"));
        }
        return SlackText.escape(e.getMessage(), 1000);
    }
}
