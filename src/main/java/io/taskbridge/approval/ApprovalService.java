package io.taskbridge.approval;

import io.taskbridge.approval.ApprovalDao;
import io.taskbridge.platform.Daos;
import io.taskbridge.task.TaskDao;
import io.taskbridge.task.Source;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskChanged;
import io.taskbridge.task.TaskEvents;
import io.taskbridge.task.TaskProblem;
import io.taskbridge.task.TaskRead;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.platform.Writes;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests approvals and records decisions. A decision is applied with a compare-and-set on the
 * task row ({@code approval_step = :seen AND approval_state = 'PENDING'}) and one response row per
 * participant and step, so double clicks, retries and simultaneous clicks record each response
 * once and move each step once. Requesting approval puts the task in REVIEW; approval of the last
 * step makes it DONE; a rejection sends it back to IN_PROGRESS, to its creator.
 */
public final class ApprovalService {
    private static final Logger log = LoggerFactory.getLogger(ApprovalService.class);
    private static final int ATTEMPTS = 10;

    private final Jdbi jdbi;
    private final Writes writes;
    private final Clock clock;
    private final TaskEvents taskListeners;
    private final ApprovalEvents approvalListeners;
    private final TaskEvents taskEvents;
    private final ApprovalEvents approvalEvents;
    private final StepEdits edits;

    public ApprovalService(Jdbi jdbi, Clock clock, TaskEvents taskEvents, ApprovalEvents approvalEvents) {
        this(jdbi, Writes.plain(jdbi), clock, taskEvents, approvalEvents);
    }

    /** Decisions go through {@code writes} (the service's group commit: one transaction for many at once). */
    public ApprovalService(Jdbi jdbi, Writes writes, Clock clock, TaskEvents taskEvents, ApprovalEvents approvalEvents) {
        this(jdbi, writes, clock, taskEvents, approvalEvents, Source.SYSTEM);
    }

    private ApprovalService(Jdbi jdbi, Writes writes, Clock clock, TaskEvents taskListeners,
                            ApprovalEvents approvalListeners, Source source) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.clock = clock;
        this.taskListeners = taskListeners;
        this.approvalListeners = approvalListeners;
        this.taskEvents = (event, tx) -> taskListeners.changed(event.withSource(source), tx);
        this.approvalEvents = (event, tx) -> approvalListeners.changed(event.withSource(source), tx);
        this.edits = new StepEdits(taskEvents, approvalEvents);
    }

    /** The same service for one entry point: every event it announces says it came from {@code from}. */
    public ApprovalService via(Source from) {
        return new ApprovalService(jdbi, writes, clock, taskListeners, approvalListeners, from);
    }

    public Optional<Approval> find(long taskId) {
        return jdbi.withHandle(h -> ApprovalRead.find(h, taskId)); // no DAO attach: every click checks this
    }

    /**
     * The approvers of the task's latest round and who asked for it; empty when the task has no
     * round. One statement: every click's permission check asks it before the ack.
     */
    public Optional<ApprovalParties> parties(long taskId) {
        return jdbi.withHandle(h -> ApprovalRead.parties(h, taskId));
    }

    /**
     * Tasks of {@code workspace} whose current step waits for this person's answer (on Enterprise
     * Grid one user id answers in several workspaces).
     */
    public List<Long> waitingFor(WorkspaceId workspace, String userId, int limit) {
        return jdbi.withExtension(ApprovalDao.class, dao -> dao.waitingFor(workspace.value(), userId, limit));
    }

    /** Starts a new approval round on a task that is open and not already waiting for approval. */
    public Approval request(long taskId, ApprovalPlan plan, String actor) {
        Instant now = clock.instant();
        check(plan, now);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Approval> started = jdbi.inTransaction(tx -> start(tx, taskId, plan, actor, now));
            if (started.isPresent()) {
                log.info("task #{} approval round {} requested by {} ({} step(s))", taskId, started.get().round(), actor,
                        plan.steps().size());
                return started.get();
            }
        }
        throw new TaskProblem.Busy(taskId);
    }

    private Optional<Approval> start(Handle tx, long taskId, ApprovalPlan plan, String actor, Instant now) {
        TaskDao tasks = Daos.on(tx, TaskDao.class);
        ApprovalDao approvals = Daos.on(tx, ApprovalDao.class);
        Task before = tasks.find(taskId).orElseThrow(() -> new TaskProblem.NotFound(taskId));
        if (!before.status().isOpen()) {
            throw new ApprovalProblem(ApprovalProblem.Kind.INVALID, "Task #" + taskId + " is " + before.status().label()
                    + ", so it can't go to review.");
        }
        ApprovalDao.Head head = approvals.head(taskId).orElseThrow();
        if (head.state().filter(s -> s == Approval.State.PENDING).isPresent() && before.status() == Status.REVIEW) {
            throw new ApprovalProblem(ApprovalProblem.Kind.INVALID, "Task #" + taskId
                    + " is already waiting for approval. `/task show " + taskId + "` shows who it waits for.");
        }
        int round = head.round().orElse(0) + 1;
        if (approvals.startRound(taskId, before.version(), round, Status.REVIEW.name(), now.toEpochMilli(), actor) == 0) {
            return Optional.empty();
        }
        for (int i = 0; i < plan.steps().size(); i++) {
            ApprovalPlan.Step step = plan.steps().get(i);
            approvals.insertStep(taskId, round, i, step.mode().stored(), step.mode().count().orElse(null),
                    step.dueDate().map(Instant::toEpochMilli).orElse(null), step.onDue().map(DueAction::stored).orElse(null),
                    step.onDue().flatMap(DueAction::escalatesTo).orElse(null));
            for (String user : step.participants()) {
                approvals.insertParticipant(taskId, round, i, user);
            }
            for (ApprovalGroup group : step.groups()) {
                approvals.insertGroup(taskId, round, i, group.id(), group.handle());
            }
        }
        Task after = tasks.find(taskId).orElseThrow();
        Approval approval = approvals.find(taskId).orElseThrow();
        taskEvents.changed(new TaskChanged(Optional.of(before), after, actor, now), tx);
        approvalEvents.changed(new ApprovalChanged(ApprovalChanged.Kind.REQUESTED, approval, after, Optional.empty(), 0,
                actor, now, head.connection(), head.externalId()), tx);
        return Optional.of(approval);
    }

    /** Why {@code plan} would be refused, or empty when it is fine: for forms to answer inline. */
    public static Optional<String> problemWith(ApprovalPlan plan, Instant now) {
        try {
            check(plan, now);
            return Optional.empty();
        } catch (ApprovalProblem e) {
            return Optional.of(e.getMessage());
        }
    }

    private static void check(ApprovalPlan plan, Instant now) {
        if (plan.steps().isEmpty()) {
            throw new ApprovalProblem(ApprovalProblem.Kind.INVALID, "An approval needs at least one approver.");
        }
        if (plan.steps().size() > ApprovalPlan.MAX_STEPS) {
            throw new ApprovalProblem(ApprovalProblem.Kind.INVALID,
                    "An approval can have at most " + ApprovalPlan.MAX_STEPS + " steps.");
        }
        for (ApprovalPlan.Step step : plan.steps()) {
            if (step.participants().isEmpty() && step.groups().isEmpty()) {
                throw new ApprovalProblem(ApprovalProblem.Kind.INVALID, "Every step needs at least one approver.");
            }
            int asked = step.participants().size();
            if (step.groups().isEmpty() && step.mode().needed(asked) > asked) {
                throw new ApprovalProblem(ApprovalProblem.Kind.INVALID, "A step that needs " + step.mode().needed(asked)
                        + " approvals must name at least " + step.mode().needed(asked) + " approvers; it names " + asked + ".");
            }
            if (step.onDue().isPresent() && step.dueDate().isEmpty()) {
                throw new ApprovalProblem(ApprovalProblem.Kind.INVALID,
                        "A step can expire or escalate only when it has a due date: add `due <when>`.");
            }
            if (step.participants().size() > ApprovalPlan.MAX_PARTICIPANTS) {
                throw new ApprovalProblem(ApprovalProblem.Kind.INVALID,
                        "A step can have at most " + ApprovalPlan.MAX_PARTICIPANTS + " approvers.");
            }
            if (step.dueDate().filter(d -> !d.isAfter(now)).isPresent()) {
                throw new ApprovalProblem(ApprovalProblem.Kind.INVALID, "A step's due date must be in the future.");
            }
        }
    }

    /**
     * Records {@code userId}'s decision on step {@code position} of round {@code round}. Refuses,
     * changing nothing, when the step is no longer the waiting one, the person is not one of its
     * participants, or they have answered already. A rejection needs a comment.
     */
    public ApprovalChanged decide(long taskId, int round, int position, String userId, Decision decision,
                                  Optional<String> comment) {
        ApprovalChanged event = record(taskId, round, position, userId, decision, comment);
        log.info("task #{} approval round {} step {}: {} {} ({})", taskId, round, position + 1, userId,
                decision.pastTense(), event.kind().name().toLowerCase());
        return event;
    }

    private ApprovalChanged record(long taskId, int round, int position, String userId, Decision decision,
                                   Optional<String> comment) {
        Optional<String> text = comment.map(String::strip).filter(c -> !c.isEmpty());
        if (decision == Decision.REJECT && text.isEmpty()) {
            throw new ApprovalProblem(ApprovalProblem.Kind.INVALID, "Say why you reject it: a comment is required.");
        }
        Instant now = clock.instant();
        // Plain statements (TaskRead, ApprovalRead, ApprovalWrite): every click runs these in its group
        // commit, which every other write waits for. What the decision changes (the answer, the head,
        // the task's status) is applied to what it read rather than read again (DecisionReadsTest).
        return writes.write(tx -> {
            long at = now.toEpochMilli();
            Optional<ApprovalWrite.Claimed> claimed = ApprovalWrite.claimStep(tx, taskId, round, position, at);
            if (claimed.isEmpty()) {
                TaskRead.find(tx, taskId).orElseThrow(() -> new TaskProblem.NotFound(taskId));
                throw notWaiting(ApprovalRead.find(tx, taskId), taskId, round, position, userId);
            }
            // Read by the claim, and after it: on PostgreSQL the claim waited for any decision under
            // way, so these are the task and the round as that decision left them.
            Task before = TaskRead.tagged(tx, claimed.get().task());
            ApprovalRead.Round read = ApprovalRead.round(tx, claimed.get().head()).orElseThrow();
            ApprovalStep waiting = read.approval().steps().get(position);
            if (!waiting.isParticipant(userId)) {
                throw notParticipant();
            }
            if (!ApprovalWrite.insertResponse(tx, taskId, round, position, userId, decision, text, at)) {
                throw alreadyAnswered(taskId);
            }
            ApprovalResponse response = new ApprovalResponse(userId, decision, text, Instant.ofEpochMilli(at));
            ApprovalStep step = waiting.answeredBy(response);
            Approval answered = read.approval().withStep(step);
            ApprovalChanged.Kind kind = StepEdits.conclude(tx, taskId, position, step, answered.steps().size())
                    .orElse(ApprovalChanged.Kind.ANSWERED);
            Approval approval = StepEdits.concluded(answered, position, kind);
            // The claim holds only a task in review, which a pending round leaves there.
            Task after = before.withStatus(approval.state().taskStatus());
            ApprovalChanged event = new ApprovalChanged(kind, approval, after, Optional.of(response), position, userId, now,
                    read.head().connection(), read.head().externalId());
            taskEvents.changed(new TaskChanged(Optional.of(before), after, userId, now).withApprovers(approval.people()), tx);
            approvalEvents.changed(event, tx);
            return event;
        });
    }

    /**
     * {@code from} hands their place on step {@code position} of round {@code round} to {@code to}
     * ({@code actor}: {@code from} themself, or the creator or an admin replacing someone away; who
     * may is the permission policy's answer, asked before). Refuses, changing nothing, when that step
     * no longer waits, {@code from} is not one of its approvers or already answered, or {@code to} is one.
     */
    public ApprovalChanged delegate(long taskId, int round, int position, String from, String to, String actor) {
        Instant now = clock.instant();
        ApprovalChanged event = writes.write(tx -> edits.delegate(tx, taskId, round, position, from, to, actor, now));
        log.info("task #{} approval round {} step {}: {} handed over to {} by {}", taskId, round, position + 1, from, to,
                actor);
        return event;
    }

    /**
     * The members of a user group named on a step join it, once; nobody who may not approve the task
     * (its creator, who asked) joins. Empty when the group was expanded already or the step no longer waits.
     */
    public Optional<ApprovalChanged> expandGroup(long taskId, int round, int position, String groupId,
                                                 List<String> members) {
        Instant now = clock.instant();
        Optional<ApprovalChanged> event = jdbi.inTransaction(tx -> {
            Task task = Daos.on(tx, TaskDao.class).find(taskId).orElseThrow(() -> new TaskProblem.NotFound(taskId));
            List<String> excluded = new java.util.ArrayList<>(List.of(task.createdBy()));
            Daos.on(tx, ApprovalDao.class).requestedBy(taskId).filter(u -> !u.isEmpty()).ifPresent(excluded::add);
            return edits.expandGroup(tx, taskId, round, position, groupId, members, excluded, now);
        });
        event.ifPresent(e -> log.info("task #{} approval round {} step {}: group {} brought {} approver(s)", taskId, round,
                position + 1, groupId, e.people().size()));
        return event;
    }

    /**
     * Runs the due-date actions (expire, escalate) of waiting steps whose due date has passed, each
     * exactly once across instances: the step's action is claimed with a conditional UPDATE in the
     * transaction that acts. Returns how many acted.
     */
    public int actOnDueSteps(int limit) {
        Instant now = clock.instant();
        List<ApprovalDao.DueStep> due = jdbi.withExtension(ApprovalDao.class, dao -> dao.dueActions(now.toEpochMilli(), limit));
        int acted = 0;
        for (ApprovalDao.DueStep step : due) {
            Optional<ApprovalChanged> event = jdbi.inTransaction(tx -> edits.actOnDue(tx, step, now));
            if (event.isPresent()) {
                acted++;
                log.info("task #{} approval round {} step {} passed its due date: {}", step.taskId(), step.round(),
                        step.position() + 1, event.get().kind().name().toLowerCase());
            }
        }
        return acted;
    }

    /**
     * Why {@code userId} could not answer that step now, or empty if they could: a read-only look,
     * used to answer before opening a comment form. {@link #decide} still decides atomically.
     */
    public Optional<ApprovalProblem> refusal(long taskId, int round, int position, String userId) {
        Optional<Approval> approval = find(taskId);
        boolean inReview = approval.isPresent() && jdbi.withHandle(h -> TaskRead.find(h, taskId))
                .map(t -> t.status() == Status.REVIEW).orElse(false);
        boolean open = approval.filter(a -> a.round() == round && a.state() == Approval.State.PENDING
                && a.currentStep() == position).isPresent() && inReview;
        if (!open) {
            return Optional.of(notWaiting(approval, taskId, round, position, userId));
        }
        ApprovalStep step = approval.get().steps().get(position);
        if (!step.isParticipant(userId)) {
            return Optional.of(notParticipant());
        }
        if (step.responseOf(userId).isPresent()) {
            return Optional.of(alreadyAnswered(taskId));
        }
        return Optional.empty();
    }

    private static ApprovalProblem notParticipant() {
        return new ApprovalProblem(ApprovalProblem.Kind.NOT_PARTICIPANT, "Only the approvers of this step can"
                + " answer it; you are not one of them. Nothing was changed.");
    }

    private static ApprovalProblem alreadyAnswered(long taskId) {
        return new ApprovalProblem(ApprovalProblem.Kind.ALREADY_ANSWERED,
                "You already answered this step of task #" + taskId + ". Your first answer stands.");
    }

    private static ApprovalProblem notWaiting(Optional<Approval> approval, long taskId, int round, int position,
                                              String userId) {
        if (approval.isEmpty()) {
            return new ApprovalProblem(ApprovalProblem.Kind.NO_APPROVAL, "Task #" + taskId + " has no approval to answer.");
        }
        Approval a = approval.get();
        if (a.round() != round) {
            return new ApprovalProblem(ApprovalProblem.Kind.NOT_WAITING, "This approval request for task #" + taskId
                    + " was replaced by a newer one. Nothing was changed.");
        }
        if (position < a.steps().size() && a.steps().get(position).responseOf(userId).isPresent()) {
            return alreadyAnswered(taskId);
        }
        if (a.state() == Approval.State.PENDING && position == a.currentStep()) {
            return new ApprovalProblem(ApprovalProblem.Kind.NOT_WAITING, "Task #" + taskId
                    + " is no longer in review, so this answer can't be taken. Nothing was changed.");
        }
        String where = switch (a.state()) {
            case APPROVED -> "was already approved";
            case REJECTED -> "was already rejected";
            case EXPIRED -> "expired unanswered";
            case PENDING -> position < a.currentStep() ? "has moved on to its next step" : "is not at this step yet";
        };
        return new ApprovalProblem(ApprovalProblem.Kind.NOT_WAITING, "Task #" + taskId + " " + where
                + ", so this answer can't be taken. Nothing was changed.");
    }
}
