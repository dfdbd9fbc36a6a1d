package io.taskbridge.sync;

import io.taskbridge.connector.Backends;
import io.taskbridge.connector.BackendException;
import io.taskbridge.connector.NewTask;
import io.taskbridge.connector.RemoteTask;
import io.taskbridge.connector.TaskBackend;
import io.taskbridge.task.Priority;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskProblem;
import io.taskbridge.task.TaskService;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Creates and changes tasks held in another task system: the change is made there first, then
 * recorded here as the task system answered it (through {@link RemoteSync}, the one path for remote
 * changes). Any entry point (Slack, REST, a workflow) calls this; a task system's refusal or outage
 * is a {@link BackendException}.
 */
public final class RemoteTasks {
    private final Jdbi jdbi;
    private final TaskService tasks;
    private final Connections connections;
    private final RemoteSync sync;

    public RemoteTasks(Jdbi jdbi, TaskService tasks, Connections connections, RemoteSync sync) {
        this.jdbi = jdbi;
        this.tasks = tasks;
        this.connections = connections;
        this.sync = sync;
    }

    /** A task held in a configured task system, under its id there. */
    public record Held(long taskId, TaskBackend backend, String externalId) {}

    /** A task made in a task system and recorded here. */
    public record Created(Task task, RemoteTask remote) {}

    /**
     * Where task {@code taskId} is held: empty when in the built-in store. A task that does not exist
     * is {@link TaskProblem.NotFound}; one held by a connection not configured here is refused.
     */
    public Optional<Held> held(long taskId) {
        Optional<ConnectionDao.Held> row = jdbi.withExtension(ConnectionDao.class, dao -> dao.held(taskId));
        if (row.isEmpty()) {
            throw new TaskProblem.NotFound(taskId);
        }
        if (row.get().connection().equals(Backends.BUILTIN) || row.get().externalId().isEmpty()) {
            return Optional.empty();
        }
        TaskBackend backend = connections.configured(row.get().connection()).orElseThrow(() ->
                new BackendException.Refused("Task #" + taskId + " lives in " + row.get().connection()
                        + ", which is not configured here, so it can't be changed from Slack."));
        return Optional.of(new Held(taskId, backend, row.get().externalId().get()));
    }

    public Task moveTo(Held held, Status target, String actor) {
        return record(held, held.backend().updateStatus(held.externalId(), target), actor);
    }

    /** {@code remoteUser} is the assignee's id in the task system; empty unassigns. */
    public Task assign(Held held, Optional<String> remoteUser, String actor) {
        return record(held, held.backend().assign(held.externalId(), remoteUser), actor);
    }

    public Task reschedule(Held held, Optional<Instant> due, String actor) {
        return record(held, held.backend().reschedule(held.externalId(), due), actor);
    }

    /**
     * Makes {@code draft} in {@code backend} (assigned to {@code remoteAssignee}, its id there) and
     * records it in {@code workspace} with its channel and creator, remembered as seen so the next poll finds nothing new.
     */
    public Created create(WorkspaceId workspace, TaskBackend backend, TaskDraft draft, Optional<String> remoteAssignee,
                          SlackPlace place, String actor) {
        RemoteTask remote = backend.create(new NewTask(draft.title().strip(), draft.description(), remoteAssignee,
                draft.dueDate(), draft.priority() == Priority.HIGH || draft.priority() == Priority.URGENT));
        Task task = jdbi.inTransaction(tx -> sync.adopt(tx, workspace, backend, remote, draft, actor, Optional.of(place)));
        return new Created(task, remote);
    }

    private Task record(Held held, RemoteTask remote, String actor) {
        jdbi.useTransaction(tx -> sync.apply(tx, held.backend(), remote, false, actor));
        return tasks.get(held.taskId());
    }
}
