package io.taskbridge.task;

import io.taskbridge.platform.Daos;
import io.taskbridge.platform.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import io.taskbridge.platform.Writes;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every change to a task goes through here: validated by {@link TaskRules}, written with a
 * compare-and-set on the task's version, and announced as one {@link TaskChanged} inside the same
 * transaction. Nothing is half-written: a refused change writes nothing.
 */
public final class TaskService {
    private static final Logger log = LoggerFactory.getLogger(TaskService.class);
    private static final int ATTEMPTS = 30;

    private final Jdbi jdbi;
    private final Writes writes;
    private final Clock clock;
    private final TaskEvents listeners;
    private final TaskEvents events;
    private final Supplier<WorkspaceId> home;
    private final Optional<WorkspaceId> scope;
    private final Source source;

    /** All workspaces' tasks; tasks created through it go to the unresolved workspace. */
    public TaskService(Jdbi jdbi, Clock clock, TaskEvents events) {
        this(jdbi, Writes.plain(jdbi), clock, events);
    }

    /** Creations go through {@code writes} (the service's group commit: one transaction for many at once). */
    public TaskService(Jdbi jdbi, Writes writes, Clock clock, TaskEvents events) {
        this(jdbi, writes, clock, events, () -> WorkspaceId.UNRESOLVED);
    }

    /** Tasks created outside any workspace's request go to {@code home}; see the five-argument constructor. */
    public TaskService(Jdbi jdbi, Clock clock, TaskEvents events, Supplier<WorkspaceId> home) {
        this(jdbi, Writes.plain(jdbi), clock, events, home);
    }

    /**
     * All workspaces' tasks (for the system's own paths: polls, webhooks, reminders); tasks created
     * through it, outside any workspace's request, go to {@code home} (the single workspace's, when
     * there is one). Entry points that act for a person use {@link #in}. Creations go through
     * {@code writes} (the service's group commit: one transaction for many at once).
     */
    public TaskService(Jdbi jdbi, Writes writes, Clock clock, TaskEvents events, Supplier<WorkspaceId> home) {
        this(jdbi, writes, clock, events, home, Optional.empty(), Source.SYSTEM);
    }

    private TaskService(Jdbi jdbi, Writes writes, Clock clock, TaskEvents listeners, Supplier<WorkspaceId> home,
                        Optional<WorkspaceId> scope, Source source) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.clock = clock;
        this.listeners = listeners;
        this.events = (event, tx) -> listeners.changed(event.withSource(source), tx);
        this.home = home;
        this.scope = scope;
        this.source = source;
    }

    /**
     * The same service for one entry point: every {@link TaskChanged} it announces says it came from
     * {@code from} (what the audit trail records as "from where").
     */
    public TaskService via(Source from) {
        return new TaskService(jdbi, writes, clock, listeners, home, scope, from);
    }

    /** The entry point this view's changes are recorded as coming from. */
    public Source source() {
        return source;
    }

    /**
     * The tasks of one workspace: creates go there, and a task of any other workspace does not exist
     * for it (found nowhere, listed nowhere, changed never: {@link TaskProblem.NotFound}).
     */
    public TaskService in(WorkspaceId workspace) {
        return new TaskService(jdbi, writes, clock, listeners, home, Optional.of(workspace), source);
    }

    /** The workspace this view is scoped to, or the one unscoped creates go to. */
    public WorkspaceId workspace() {
        return scope.orElseGet(home);
    }

    private boolean visible(Task task) {
        return scope.map(ws -> ws.equals(task.workspace())).orElse(true);
    }

    private Optional<Task> load(TaskDao dao, long id) {
        return dao.find(id).filter(this::visible);
    }

    /** What {@link #create} did: {@code created} is false when the idempotency key was seen before. */
    public record Created(Task task, boolean created) {}

    /** What a change did: {@code before} equals {@code after} when there was nothing to change. */
    public record Change(Task before, Task after) {
        public boolean changed() {
            return before.version() != after.version();
        }
    }

    /**
     * Creates a task. The same {@code idempotencyKey} (Slack's trigger_id, a view id, a REST
     * Idempotency-Key) always gives back the first task made with it.
     */
    public Created create(TaskDraft draft, String actor, Optional<SlackPlace> place, Optional<String> idempotencyKey) {
        Instant now = clock.instant();
        TaskRules.require(draft, Optional.empty(), now);
        Task candidate = new Task(0, draft.title().strip(), draft.description(), draft.status(), draft.priority(),
                draft.assignee(), actor, draft.dueDate(), draft.warning(), draft.tags(), now, now, place, 0, workspace());
        Created created = writes.writeNew("tasks", tx -> insert(tx, candidate, actor, idempotencyKey, now));
        if (created.created()) {
            log.info("task #{} created by {}{}", created.task().id(), actor,
                    place.map(p -> " in " + p.channelId()).orElse(""));
        }
        return created;
    }

    /**
     * {@link #create} inside the caller's transaction, so the task commits or rolls back with what the
     * caller writes beside it (a recurring series and its occurrence).
     */
    public Created create(Handle tx, TaskDraft draft, String actor, Optional<SlackPlace> place,
                          Optional<String> idempotencyKey) {
        Instant now = clock.instant();
        TaskRules.require(draft, Optional.empty(), now);
        Task candidate = new Task(0, draft.title().strip(), draft.description(), draft.status(), draft.priority(),
                draft.assignee(), actor, draft.dueDate(), draft.warning(), draft.tags(), now, now, place, 0, workspace());
        return insert(tx, candidate, actor, idempotencyKey, now);
    }

    private Created insert(Handle tx, Task candidate, String actor, Optional<String> idempotencyKey, Instant now) {
        Optional<Task> made = TaskInsert.insert(tx, candidate, idempotencyKey);
        if (made.isEmpty()) {
            return new Created(madeBefore(tx, idempotencyKey.orElseThrow()), false);
        }
        events.changed(new TaskChanged(Optional.empty(), made.get(), actor, now), tx);
        return new Created(made.get(), true);
    }

    /** The task an earlier request with the same idempotency key made (a replay: rare, so the DAO is fine). */
    private static Task madeBefore(Handle tx, String idempotencyKey) {
        TaskDao dao = Daos.on(tx, TaskDao.class);
        return dao.find(dao.idForKey(idempotencyKey).orElseThrow()).orElseThrow();
    }

    public Optional<Task> find(long id) {
        // No TaskDao attach: every click and command reads its task here, before anything else.
        return jdbi.withHandle(h -> TaskRead.find(h, id)).filter(this::visible);
    }

    /** The task system that holds the task, when it is not the built-in store. */
    public Optional<String> heldElsewhere(long id) {
        if (scope.isPresent() && find(id).isEmpty()) {
            return Optional.empty();
        }
        return jdbi.withExtension(TaskDao.class, dao -> dao.connection(id)).filter(c -> !c.equals("builtin"));
    }

    /**
     * Records the kind of conversation the task lives in, learned after it was stored (from Slack's
     * conversations.info). Not a change of the task: no version, no event.
     */
    public void recordConversationKind(long id, String kind) {
        jdbi.useExtension(TaskDao.class, dao -> dao.setConversationKind(id, kind));
    }

    public Task get(long id) {
        return find(id).orElseThrow(() -> new TaskProblem.NotFound(id));
    }

    public List<Task> list(TaskQuery query) {
        return list(query, Optional.empty());
    }

    /** The tasks {@code viewer} may see (all of them when empty, for admins and the system itself), of this view's workspace. */
    public List<Task> list(TaskQuery query, Optional<Viewer> viewer) {
        return jdbi.withExtension(TaskDao.class, dao -> dao.query(query, scope, viewer));
    }

    public int count(TaskQuery query) {
        return count(query, Optional.empty());
    }

    public int count(TaskQuery query, Optional<Viewer> viewer) {
        return jdbi.withExtension(TaskDao.class, dao -> dao.count(query, scope, viewer));
    }

    /**
     * Deletes a task for good. A task that has a message in Slack is refused with
     * {@link TaskProblem.LivesInSlack}: its message would be left describing a task that no longer
     * exists, so such a task is canceled instead. No {@link TaskChanged} is announced, because a task
     * outside Slack has nobody to tell.
     */
    public void delete(long id, String actor) {
        jdbi.useTransaction(tx -> {
            TaskDao dao = Daos.on(tx, TaskDao.class);
            Task task = load(dao, id).orElseThrow(() -> new TaskProblem.NotFound(id));
            if (task.slack().isPresent()) {
                throw new TaskProblem.LivesInSlack(id);
            }
            dao.deleteTags(id);
            if (dao.deleteRow(id) == 0) {
                throw new TaskProblem.NotFound(id);
            }
        });
    }

    /**
     * Records a task that its system of record (a connected task system) already holds, inside the
     * caller's transaction: the fields are validated as {@link TaskRules#checkRecorded} says, the
     * task remembers its {@code connection} and {@code externalId}, and the same {@link TaskChanged}
     * is announced as for any creation. The same pair twice gives back the first task.
     */
    public Created createFromSystemOfRecord(Handle tx, TaskDraft draft, String actor, Optional<SlackPlace> place,
                                            String connection, String externalId) {
        Instant now = clock.instant();
        requireRecorded(draft);
        Task candidate = new Task(0, draft.title().strip(), draft.description(), draft.status(), draft.priority(),
                draft.assignee(), actor, draft.dueDate(), draft.warning(), draft.tags(), now, now, place, 0, workspace());
        String key = "remote:" + connection + ":" + externalId;
        Optional<Task> made = TaskInsert.insert(tx, candidate, Optional.of(key));
        if (made.isEmpty()) {
            return new Created(madeBefore(tx, key), false);
        }
        tx.createUpdate("UPDATE tasks SET connection = :c, external_id = :e WHERE id = :id")
                .bind("c", connection).bind("e", externalId).bind("id", made.get().id()).execute();
        events.changed(new TaskChanged(Optional.empty(), made.get(), actor, now), tx);
        return new Created(made.get(), true);
    }

    /**
     * Records a change that the task's system of record has already made ("the system of record says
     * so"), inside the caller's transaction. The fields are validated, but the transition is not:
     * Workiva or awork may move a task in ways our strict lifecycle would refuse (DONE back to
     * IN_PROGRESS), and they are the truth for their tasks. Announces the same {@link TaskChanged}
     * as any change; throws {@link TaskProblem.Busy} if another writer changed the row meanwhile.
     */
    public Change recordFromSystemOfRecord(Handle tx, long id, String actor, UnaryOperator<TaskDraft> edit) {
        TaskDao dao = Daos.on(tx, TaskDao.class);
        Task before = load(dao, id).orElseThrow(() -> new TaskProblem.NotFound(id));
        TaskDraft draft = edit.apply(before.draft());
        if (draft.dueDate().isEmpty()) {
            draft = draft.withWarning(Optional.empty());
        }
        if (draft.equals(before.draft())) {
            return new Change(before, before);
        }
        requireRecorded(draft);
        Instant now = clock.instant();
        if (!dao.update(before.with(draft, now))) {
            throw new TaskProblem.Busy(id);
        }
        Task after = dao.find(id).orElseThrow();
        events.changed(new TaskChanged(Optional.of(before), after, actor, now), tx);
        return new Change(before, after);
    }

    private static void requireRecorded(TaskDraft draft) {
        var problems = TaskRules.checkRecorded(draft);
        if (!problems.isEmpty()) {
            throw new TaskProblem.Invalid(problems);
        }
    }

    /** Moves a task along the strict lifecycle; moving to the status it has already is no change. */
    public Change moveTo(long id, Status target, String actor) {
        return change(id, actor, draft -> draft.withStatus(target));
    }

    /**
     * Marks an open task done in one step, from TODO or IN_PROGRESS as well as REVIEW. This is the
     * one shortcut past the strict lifecycle, and only chat takes it: a person who says "done" in
     * Slack is stating a fact, and making them type start and review first would add steps that
     * carry no information. The REST API keeps the strict lifecycle.
     */
    public Change complete(long id, String actor) {
        return apply(id, actor, task -> {
            if (task.status() == Status.DONE) {
                return task.draft();
            }
            if (!task.status().canQuickComplete()) {
                throw new TaskProblem.TransitionRefused(id, task.status(), Status.DONE);
            }
            return task.draft().withStatus(Status.DONE);
        });
    }

    public Change assign(long id, Optional<String> assignee, String actor) {
        return change(id, actor, draft -> draft.withAssignee(assignee));
    }

    public Change reschedule(long id, Optional<Instant> due, String actor) {
        return change(id, actor, draft -> draft.withDueDate(due)
                .withWarning(due.isEmpty() ? Optional.<Duration>empty() : draft.warning()));
    }

    /** Any change of the settable fields; a status change must follow the strict lifecycle. */
    public Change change(long id, String actor, UnaryOperator<TaskDraft> edit) {
        return apply(id, actor, task -> {
            TaskDraft draft = edit.apply(task.draft());
            if (draft.status() != task.status() && !task.status().canMoveTo(draft.status())) {
                throw new TaskProblem.TransitionRefused(id, task.status(), draft.status());
            }
            return draft;
        });
    }

    private interface Edit {
        TaskDraft apply(Task current);
    }

    private Change apply(long id, String actor, Edit edit) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Change> done = jdbi.inTransaction(tx -> {
                TaskDao dao = Daos.on(tx, TaskDao.class);
                Task before = load(dao, id).orElseThrow(() -> new TaskProblem.NotFound(id));
                TaskDraft draft = edit.apply(before);
                if (draft.equals(before.draft())) {
                    return Optional.of(new Change(before, before));
                }
                if (draft.status() == Status.DONE && before.status() == Status.REVIEW && awaitingApproval(tx, id)) {
                    throw new TaskProblem.AwaitingApproval(id);
                }
                Instant now = clock.instant();
                TaskRules.require(draft, Optional.of(before), now);
                Task written = before.with(draft, now);
                if (!dao.update(written)) {
                    return Optional.<Change>empty();
                }
                Task after = dao.find(id).orElseThrow();
                events.changed(new TaskChanged(Optional.of(before), after, actor, now), tx);
                return Optional.of(new Change(before, after));
            });
            if (done.isPresent()) {
                return done.get();
            }
            backOff(attempt);
        }
        throw new TaskProblem.Busy(id);
    }

    /**
     * Read in the change's transaction: an approval round that starts or ends bumps the task's
     * version, so the compare-and-set that follows fails and this is read again.
     */
    private static boolean awaitingApproval(org.jdbi.v3.core.Handle tx, long id) {
        return Daos.on(tx, TaskDao.class).awaitingApproval(id);
    }

    /** Someone else's write won the compare-and-set: wait a moment, spread out, then read again. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 2L + Math.min(attempt, 10) * 2L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a task change", e);
        }
    }
}
