package io.taskbridge.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.connector.RemoteTask;
import io.taskbridge.connector.TaskBackend;
import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.outbox.RemoteFact;
import io.taskbridge.platform.Daos;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.sync.ConnectionDao;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskRules;
import io.taskbridge.task.TaskService;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The one path for a change a task system reports, by poll or webhook: compares the task with what
 * was seen before, records it through {@link TaskService}'s system-of-record path (which emits
 * {@link io.taskbridge.task.TaskChanged}, so the task's Slack message is updated and reminders are
 * re-planned), says approval responses in the task's thread, and tells subscribed channels.
 * Everything happens in the caller's transaction. A connection's tasks are made in the one workspace
 * it serves ({@link Connections#owner}), and only that workspace's channels and links are asked.
 */
public final class RemoteSync {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RemoteSync.class);
    private final TaskService tasks;
    private final Subscriptions subscriptions;
    private final Connections connections;
    private final Outbox outbox;
    private final ObjectMapper json;

    public RemoteSync(TaskService tasks, Subscriptions subscriptions, Connections connections, Outbox outbox,
                      ObjectMapper json) {
        this.tasks = tasks;
        this.subscriptions = subscriptions;
        this.connections = connections;
        this.outbox = outbox;
        this.json = json;
    }

    /** The same path, recording its changes as coming from {@code from} (a poll, a webhook, Slack). */
    public RemoteSync via(io.taskbridge.task.Source from) {
        return new RemoteSync(tasks.via(from), subscriptions, connections, outbox, json);
    }

    /**
     * Applies one remote task. {@code quietly} (the first poll of a connection, which imports what
     * exists) records without telling anyone. Returns what changed; empty when nothing did.
     */
    public List<RemoteChange> apply(Handle tx, TaskBackend backend, RemoteTask remote, boolean quietly) {
        return apply(tx, backend, remote, quietly, backend.name());
    }

    /**
     * A task just created in {@code backend} from Slack: recorded in {@code workspace} with its channel
     * and creator, and remembered as seen, so the next poll finds nothing new about it.
     */
    public Task adopt(Handle tx, WorkspaceId workspace, TaskBackend backend, RemoteTask remote, TaskDraft draft,
                      String actor, Optional<io.taskbridge.task.SlackPlace> place) {
        Task task = tasks.in(workspace).createFromSystemOfRecord(tx, draft.withStatus(remote.status()).withDueDate(remote.dueDate()),
                actor, place, backend.name(), remote.externalId()).task();
        Daos.on(tx, ConnectionDao.class).remember(backend.name(), remote.externalId(), task.id(), write(remote),
                remote.modified().toEpochMilli());
        return task;
    }

    /**
     * The task system deleted a task: it is recorded as CANCELED (a task with a Slack message is never
     * deleted here), and subscribers hear of it. Nothing happens for a task never seen.
     */
    public void deleted(Handle tx, TaskBackend backend, String externalId) {
        Optional<RemoteTask> before = Daos.on(tx, ConnectionDao.class).snapshot(backend.name(), externalId).map(this::read);
        before.ifPresent(b -> apply(tx, backend, new RemoteTask(b.externalId(), b.title(), b.description(),
                io.taskbridge.task.Status.CANCELED, "Deleted", b.assignees(), b.dueDate(), b.modified(),
                b.approvalSteps(), b.url()), false));
    }

    /**
     * As {@link #apply(Handle, TaskBackend, RemoteTask, boolean)}, with who made the change. Nothing is
     * recorded for a connection that serves no workspace yet (its first poll after a claim brings all).
     */
    public List<RemoteChange> apply(Handle tx, TaskBackend backend, RemoteTask remote, boolean quietly, String actor) {
        ConnectionDao dao = Daos.on(tx, ConnectionDao.class);
        String connection = backend.name();
        Optional<WorkspaceId> owner = connections.owner(tx, connection);
        if (owner.isEmpty()) {
            log.info("{} task {} not recorded: no workspace has connected a channel to {} yet", connection,
                    remote.externalId(), connection);
            return List.of();
        }
        String ws = owner.get().value();
        Optional<RemoteTask> before = dao.snapshot(connection, remote.externalId()).map(this::read);
        List<RemoteChange> changes = RemoteChange.between(before, remote);
        Optional<Long> known = dao.taskFor(connection, remote.externalId());
        if (changes.isEmpty() && known.isPresent()) {
            return List.of();
        }
        Optional<String> assignee = remote.assignees().stream()
                .map(a -> dao.slackUser(ws, connection, a)).flatMap(Optional::stream).findFirst();
        Task task;
        if (known.isEmpty()) {
            TaskDraft draft = TaskDraft.titled(remote.title()).withDescription(fit(remote.description()))
                    .withStatus(remote.status()).withAssignee(assignee).withDueDate(remote.dueDate());
            task = tasks.in(owner.get()).createFromSystemOfRecord(tx, draft, actor, Optional.empty(), connection,
                    remote.externalId()).task();
        } else {
            task = tasks.recordFromSystemOfRecord(tx, known.get(), actor, d -> d.withStatus(remote.status())
                    .withDescription(fit(remote.description()))
                    .withAssignee(assignee)
                    .withDueDate(remote.dueDate())
                    .withTitle(remote.title())).after();
        }
        dao.remember(connection, remote.externalId(), task.id(), write(remote), remote.modified().toEpochMilli());
        if (!quietly) {
            tell(tx, owner.get(), backend, task, remote, changes);
        }
        return changes;
    }

    private void tell(Handle tx, WorkspaceId owner, TaskBackend backend, Task task, RemoteTask remote,
                      List<RemoteChange> changes) {
        String connection = backend.name();
        Links dao = new Links(Daos.on(tx, ConnectionDao.class), owner.value());
        for (RemoteChange c : changes) {
            if (c instanceof RemoteChange.Responded r && task.slack().isPresent()) {
                outbox.enqueue(tx, task.workspace(), new OutboxMessage.RemoteResponse(task.id(), backend.displayName(),
                        responded(r.response(), connection, dao)), Optional.empty(), Optional.empty());
            }
        }
        List<RemoteFact> facts = changes.stream().map(c -> fact(c, connection, dao)).toList();
        for (Subscriptions.Subscription s : subscriptions.to(tx, owner, connection)) {
            Optional<String> remoteAssignee = s.filter().assignee().flatMap(a -> dao.remoteUser(connection, a));
            if (s.filter().matches(task, remote, remoteAssignee)) {
                outbox.enqueue(tx, task.workspace(), new OutboxMessage.RemoteNews(s.channel(), task.id(), backend.displayName(),
                                remote.title(), remote.url(), facts),
                        Optional.empty(), Optional.of(s.channel()));
            }
        }
    }

    /** One workspace's user links. */
    private record Links(ConnectionDao dao, String workspace) {
        Optional<String> slackUser(String connection, String remoteUser) {
            return dao.slackUser(workspace, connection, remoteUser);
        }

        Optional<String> remoteUser(String connection, String slackUser) {
            return dao.remoteUser(workspace, connection, slackUser);
        }
    }

    private static RemoteFact fact(RemoteChange c, String connection, Links dao) {
        if (c instanceof RemoteChange.Created) {
            return new RemoteFact.Created();
        } else if (c instanceof RemoteChange.StatusChanged s) {
            return new RemoteFact.StatusChanged(s.from(), s.to());
        } else if (c instanceof RemoteChange.Responded r) {
            return responded(r.response(), connection, dao);
        } else if (c instanceof RemoteChange.AssigneesChanged a) {
            return new RemoteFact.AssigneesChanged(people(a.from(), connection, dao), people(a.to(), connection, dao));
        } else if (c instanceof RemoteChange.DueChanged d) {
            return new RemoteFact.DueChanged(d.from(), d.to());
        } else if (c instanceof RemoteChange.Retitled t) {
            return new RemoteFact.Retitled(t.from());
        }
        throw new IllegalArgumentException(c.toString());
    }

    private static RemoteFact.Responded responded(RemoteTask.Response r, String connection, Links dao) {
        return new RemoteFact.Responded(r.action(), person(r.userId(), connection, dao), r.comment());
    }

    private static List<RemoteFact.Person> people(List<String> ids, String connection, Links dao) {
        return ids.stream().map(id -> person(id, connection, dao)).toList();
    }

    private static RemoteFact.Person person(String remoteId, String connection, Links dao) {
        return new RemoteFact.Person(remoteId, dao.slackUser(connection, remoteId));
    }

    private static Optional<String> fit(Optional<String> description) {
        return description.map(d -> TaskRules.fit(d, TaskRules.MAX_DESCRIPTION));
    }

    private String write(RemoteTask t) {
        try {
            return json.writeValueAsString(t);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store a remote task", e);
        }
    }

    private RemoteTask read(String snapshot) {
        try {
            return json.readValue(snapshot, RemoteTask.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable remote task snapshot", e);
        }
    }
}
