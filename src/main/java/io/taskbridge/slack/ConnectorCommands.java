package io.taskbridge.slack;

import io.taskbridge.connector.BackendException;
import io.taskbridge.connector.Backends;
import io.taskbridge.connector.NewTask;
import io.taskbridge.connector.RemoteTask;
import io.taskbridge.connector.TaskBackend;
import io.taskbridge.command.Command;
import io.taskbridge.command.DueDates;
import io.taskbridge.command.Usage;
import io.taskbridge.sync.ConnectionDao;
import io.taskbridge.sync.Connections;
import io.taskbridge.sync.RemoteSync;
import io.taskbridge.sync.Subscriptions;
import io.taskbridge.task.Priority;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskProblem;
import io.taskbridge.task.TaskRules;
import io.taskbridge.task.TaskService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code /task} commands about task systems ({@code connect}, {@code link}, {@code subscribe},
 * {@code unsubscribe}, {@code subscriptions}), and the commands that change a task held in one: those
 * are made in the task system first, then recorded here as it answered. Runs after the ack; every
 * failure of the task system becomes a reply that says what to do.
 */
public final class ConnectorCommands {
    private final Jdbi jdbi;
    private final TaskService tasks;
    private final Connections connections;
    private final Subscriptions subscriptions;
    private final RemoteSync sync;
    private final Function<String, ZoneId> zones;
    private final Function<String, Optional<String>> emails;
    private final Clock clock;

    public ConnectorCommands(Jdbi jdbi, TaskService tasks, Connections connections, Subscriptions subscriptions,
                             RemoteSync sync, Function<String, ZoneId> zones, Function<String, Optional<String>> emails,
                             Clock clock) {
        this.jdbi = jdbi;
        this.tasks = tasks;
        this.connections = connections;
        this.subscriptions = subscriptions;
        this.sync = sync;
        this.zones = zones;
        this.emails = emails;
        this.clock = clock;
    }

    /** True when tasks made in the caller's channel are kept in the built-in store (no remote call). */
    public boolean createsHere(Caller caller) {
        return connections.of(caller.teamId(), caller.channelId()).equals(Backends.BUILTIN);
    }

    /** What to answer at once, before the work: "Creating in Workiva…" for a task made elsewhere. */
    public Optional<String> ack(Command command, Caller caller) {
        if (command instanceof Command.Add) {
            String connection = connections.of(caller.teamId(), caller.channelId());
            if (!connection.equals(Backends.BUILTIN)) {
                return Optional.of(":hourglass_flowing_sand: Creating in "
                        + connections.backend(connection).map(TaskBackend::displayName).orElse(connection) + "…");
            }
        }
        return Optional.empty();
    }

    /** The reply if this command is about task systems or a task held in one; empty to run it here. */
    public Optional<String> run(Command command, Caller caller) {
        try {
            return Optional.ofNullable(execute(command, caller));
        } catch (BackendException e) {
            return Optional.of(":warning: " + explain(e));
        } catch (TaskProblem e) {
            return Optional.of(":warning: " + e.getMessage());
        }
    }

    /** A Start or Done click on a task held elsewhere; empty when the task is held here. */
    public Optional<String> button(long taskId, Status target, String userId) {
        try {
            Optional<Held> held = held(taskId);
            if (held.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Replies.changed(record(held.get(), held.get().backend().updateStatus(held.get().externalId(),
                    target), userId)));
        } catch (BackendException e) {
            return Optional.of(":warning: " + explain(e));
        }
    }

    private String execute(Command command, Caller caller) {
        if (command instanceof Command.Connect c) {
            return connect(c, caller);
        } else if (command instanceof Command.Link l) {
            return link(l, caller);
        } else if (command instanceof Command.Subscribe s) {
            if (!connections.isAdmin(caller.userId())) {
                return ":no_entry: Only Taskbridge admins can send a task system's changes into a channel.";
            }
            if (connections.backend(s.connection()).isEmpty()) {
                return unknown(s.connection(), Usage.SUBSCRIBE);
            }
            subscriptions.subscribe(caller.teamId(), caller.channelId(), s.connection(),
                    new Subscriptions.Filter(s.assignee(), s.status(), s.title()), caller.userId());
            return "This channel now hears about " + display(s.connection()) + " changes"
                    + new Subscriptions.Filter(s.assignee(), s.status(), s.title()).describe().replace(" (every change)", "")
                    + ". `/task unsubscribe " + s.connection() + "` stops it.";
        } else if (command instanceof Command.Unsubscribe u) {
            int n = subscriptions.unsubscribe(caller.teamId(), caller.channelId(), u.connection());
            return n == 0 ? "This channel had no subscription to " + display(u.connection()) + "."
                    : "This channel no longer hears about " + display(u.connection()) + " changes.";
        } else if (command instanceof Command.Subscriptions) {
            List<Subscriptions.Subscription> list = subscriptions.in(caller.teamId(), caller.channelId());
            return list.isEmpty() ? "This channel has no subscriptions. " + Usage.SUBSCRIBE
                    : "*This channel hears about*\n" + list.stream().map(s -> "• " + display(s.connection())
                            + s.filter().describe()).collect(Collectors.joining("\n"));
        } else if (command instanceof Command.Add add) {
            String connection = connections.of(caller.teamId(), caller.channelId());
            return connection.equals(Backends.BUILTIN) ? null : createElsewhere(add, caller, connection);
        } else if (command instanceof Command.Start s) {
            return held(s.taskId()).map(h -> changed(h, h.backend().updateStatus(h.externalId(), Status.IN_PROGRESS), caller))
                    .orElse(null);
        } else if (command instanceof Command.Done d) {
            return held(d.taskId()).map(h -> changed(h, h.backend().updateStatus(h.externalId(), Status.DONE), caller))
                    .orElse(null);
        } else if (command instanceof Command.Cancel c) {
            return held(c.taskId()).map(h -> changed(h, h.backend().updateStatus(h.externalId(), Status.CANCELED), caller))
                    .orElse(null);
        } else if (command instanceof Command.Assign a) {
            Optional<Held> held = held(a.taskId());
            if (held.isEmpty()) {
                return null;
            }
            Optional<String> remote = connections.remoteUser(held.get().backend(), a.assignee(), emails);
            if (remote.isEmpty()) {
                return notLinked(a.assignee(), held.get().backend());
            }
            return changed(held.get(), held.get().backend().assign(held.get().externalId(), remote), caller);
        } else if (command instanceof Command.Due due) {
            Optional<Held> held = held(due.taskId());
            if (held.isEmpty()) {
                return null;
            }
            Optional<Instant> when = Optional.empty();
            if (due.due().isPresent()) {
                DueDates.Parsed parsed = DueDates.parse(due.due().get(), clock.instant().atZone(zones.apply(caller.userId())));
                if (parsed instanceof DueDates.Parsed.Unreadable u) {
                    return ":warning: " + u.problem() + "\n" + Usage.DUE;
                }
                when = Optional.of(((DueDates.Parsed.At) parsed).when().toInstant());
            }
            return changed(held.get(), held.get().backend().reschedule(held.get().externalId(), when), caller);
        }
        return null;
    }

    private String connect(Command.Connect c, Caller caller) {
        if (!connections.isAdmin(caller.userId())) {
            return ":no_entry: Only Taskbridge admins can change where this channel's tasks go.";
        }
        if (!connections.names().contains(c.connection())) {
            return unknown(c.connection(), Usage.CONNECT);
        }
        connections.connect(caller.teamId(), caller.channelId(), c.connection(), caller.userId());
        return c.connection().equals(Backends.BUILTIN)
                ? "New tasks in this channel stay in Taskbridge's own store."
                : "New tasks in this channel go to " + display(c.connection()) + ". People are matched by email where "
                        + display(c.connection()) + " can look them up; `/task link @person <id>` sets anyone else.";
    }

    private String link(Command.Link l, Caller caller) {
        if (!connections.isAdmin(caller.userId())) {
            return ":no_entry: Only Taskbridge admins can link people to task-system users.";
        }
        String connection = l.connection().orElse(connections.of(caller.teamId(), caller.channelId()));
        if (connection.equals(Backends.BUILTIN)) {
            return ":warning: This channel keeps its tasks in Taskbridge; name the system: `/task link <@" + l.userId()
                    + "> " + l.remoteUserId() + " workiva`.";
        }
        if (connections.backend(connection).isEmpty()) {
            return unknown(connection, Usage.LINK);
        }
        connections.link(connection, l.userId(), l.remoteUserId(), caller.userId());
        return "<@" + l.userId() + "> is `" + SlackText.escape(l.remoteUserId(), 200) + "` in " + display(connection) + ".";
    }

    private String createElsewhere(Command.Add add, Caller caller, String connection) {
        Optional<TaskBackend> backend = connections.backend(connection);
        if (backend.isEmpty()) {
            return ":warning: This channel's tasks go to " + connection + ", which is not configured here."
                    + " An admin can set it up, or `/task connect builtin`.";
        }
        Optional<Instant> due = Optional.empty();
        if (add.due().isPresent()) {
            DueDates.Parsed parsed = DueDates.parse(add.due().get(), clock.instant().atZone(zones.apply(caller.userId())));
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
            assignee = connections.remoteUser(backend.get(), add.assignee().get(), emails);
            if (assignee.isEmpty()) {
                return notLinked(add.assignee().get(), backend.get());
            }
        }
        RemoteTask remote = backend.get().create(new NewTask(draft.title().strip(), draft.description(), assignee,
                due, draft.priority() == Priority.HIGH || draft.priority() == Priority.URGENT));
        Task task = jdbi.inTransaction(tx -> sync.adopt(tx, backend.get(), remote, draft, caller.userId(),
                Optional.of(SlackPlace.channel(caller.teamId(), caller.channelId()))));
        return Replies.created(task) + " It lives in " + backend.get().displayName()
                + remote.url().map(u -> ": <" + u + "|open it there>").orElse("") + ".";
    }

    private String changed(Held held, RemoteTask remote, Caller caller) {
        return Replies.changed(record(held, remote, caller.userId()));
    }

    private Task record(Held held, RemoteTask remote, String actor) {
        jdbi.useTransaction(tx -> sync.apply(tx, held.backend(), remote, false, actor));
        return tasks.get(held.taskId());
    }

    /** A task held in a configured task system. */
    private record Held(long taskId, TaskBackend backend, String externalId) {}

    private Optional<Held> held(long taskId) {
        Optional<ConnectionDao.Held> row = jdbi.withExtension(ConnectionDao.class, dao -> dao.held(taskId));
        if (row.isEmpty()) {
            throw new TaskProblem.NotFound(taskId);
        }
        if (row.get().connection().equals(Backends.BUILTIN) || row.get().externalId().isEmpty()) {
            return Optional.empty();
        }
        TaskBackend backend = connections.backend(row.get().connection()).orElseThrow(() ->
                new BackendException.Refused("Task #" + taskId + " lives in " + row.get().connection()
                        + ", which is not configured here, so it can't be changed from Slack."));
        return Optional.of(new Held(taskId, backend, row.get().externalId().get()));
    }

    private String notLinked(String slackUser, TaskBackend backend) {
        return ":warning: I don't know who <@" + slackUser + "> is in " + backend.displayName()
                + ". An admin can say: `/task link <@" + slackUser + "> <their " + backend.displayName() + " user id>`.";
    }

    private String unknown(String connection, String usage) {
        return ":warning: There is no connection named “" + SlackText.escape(connection, 40) + "” here. Configured: "
                + String.join(", ", connections.names()) + ".\n" + usage;
    }

    private String display(String connection) {
        return connections.backend(connection).map(TaskBackend::displayName).orElse(connection);
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
