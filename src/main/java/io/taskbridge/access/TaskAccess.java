package io.taskbridge.access;

import io.taskbridge.approval.ApprovalParties;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskProblem;
import io.taskbridge.task.TaskService;
import io.taskbridge.task.Viewer;
import io.taskbridge.workspace.Actor;
import io.taskbridge.workspace.Admins;
import io.taskbridge.workspace.ApiKeyHolder;
import io.taskbridge.workspace.Conversation;
import io.taskbridge.workspace.ConversationKind;
import io.taskbridge.workspace.Decision;
import io.taskbridge.workspace.KeyRole;
import io.taskbridge.workspace.Origin;
import io.taskbridge.workspace.PermissionPolicy;
import io.taskbridge.workspace.RestAction;
import io.taskbridge.workspace.TaskAction;
import io.taskbridge.workspace.TaskFacts;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * The one door to a task for every entry point: it reads the task, tells the permission policy who
 * asks, from where, and what for, and answers with the task, a {@link Refused} (with the reason to
 * show) or {@link TaskProblem.NotFound} — exactly what a task number that was never used answers,
 * so a hidden task leaks neither its title nor that it exists. Whether someone is an admin is
 * asked (a Slack look-up, remembered) only when being one would change the answer.
 */
public final class TaskAccess {
    private final TaskService tasks;
    private final ApprovalService approvals;
    private final PermissionPolicy policy;
    private final Admins admins;
    private final ConversationKinds kinds;

    public TaskAccess(TaskService tasks, ApprovalService approvals, PermissionPolicy policy, Admins admins,
                      ConversationKinds kinds) {
        this.tasks = tasks;
        this.approvals = approvals;
        this.policy = policy;
        this.admins = admins;
        this.kinds = kinds;
    }

    /**
     * The same door over one workspace's tasks ({@link TaskService#in}): a task of another
     * workspace is not found before any permission question is asked. Every entry point that acts
     * for a person or a key goes through the view of the workspace its request is for.
     */
    public TaskAccess in(WorkspaceId workspace) {
        return new TaskAccess(tasks.in(workspace), approvals, policy, admins, kinds);
    }

    /** The task service this door reads and changes through (scoped when this door is). */
    public TaskService tasks() {
        return tasks;
    }

    /** The task if {@code asker} may see it; empty for a hidden task exactly as for a missing one. */
    public Optional<Task> see(Asker asker, long id) {
        return tasks.find(id).filter(task -> decide(asker, task, TaskAction.SEE).allowed());
    }

    /**
     * The task, if it may be previewed where {@code asker} shared a link to it: {@code asker} sees it
     * and so does everyone in that conversation ({@link PermissionPolicy#showToConversation}). Empty
     * otherwise, exactly as for a task that does not exist.
     */
    public Optional<Task> preview(Asker asker, long id) {
        Origin origin = origin(asker);
        return see(asker, id).filter(task -> asker.fromConversation().isPresent()
                && policy.showToConversation(facts(task), origin).allowed());
    }

    /** The task, if {@code asker} may do {@code action} to it; else {@link Refused} or {@link TaskProblem.NotFound}. */
    public Task require(Asker asker, long id, TaskAction action) {
        Task task = tasks.find(id).orElseThrow(() -> new TaskProblem.NotFound(id));
        return require(asker, task, action);
    }

    private Task require(Asker asker, Task task, TaskAction action) {
        Decision decision = decide(asker, task, action);
        throwUnlessAllowed(decision, task.id());
        return task;
    }

    /**
     * Starts the task: an owner or admin moves it to in progress; anyone else allowed to start it
     * (an unassigned task, from its own conversation) also takes it, becoming its assignee.
     */
    public TaskService.Change start(Asker asker, long id) {
        Task task = require(asker, id, TaskAction.START);
        boolean takes = task.assignee().isEmpty() && !task.createdBy().equals(asker.userId())
                && policy.decide(Actor.person(asker.userId()), facts(task), origin(asker), TaskAction.START).allowed();
        return takes
                // Taken only if still unassigned when written: someone assigned meanwhile keeps it.
                ? tasks.change(id, asker.userId(), d -> d.withStatus(Status.IN_PROGRESS)
                        .withAssignee(d.assignee().or(() -> Optional.of(asker.userId()))))
                : tasks.moveTo(id, Status.IN_PROGRESS, asker.userId());
    }

    /**
     * The task, unless {@code asker} may not answer its review ({@code action} APPROVE or REJECT): a
     * hidden task is {@link TaskProblem.NotFound}; an approver who asked for the review or created
     * the task is {@link Refused}. Whether someone is an approver of the step that waits, and has not
     * answered yet, {@code ApprovalService.decide} checks (and explains) atomically.
     */
    public Task requireAnswer(Asker asker, long id, TaskAction action) {
        Task task = tasks.find(id).orElseThrow(() -> new TaskProblem.NotFound(id));
        return requireAnswer(asker.userId(), origin(asker), task, action);
    }

    private Task requireAnswer(String userId, Origin origin, Task task, TaskAction action) {
        // Approve is decided before Slack's ack: no Slack look-up here. Approvers take part in the
        // task, so the kind of its conversation does not matter to them; unknown, it counts as private.
        TaskFacts facts = facts(task, false);
        Decision decision = policy.decide(Actor.person(userId), facts, origin, action);
        if (decision instanceof Decision.Hidden) {
            throw new TaskProblem.NotFound(task.id());
        }
        if (decision instanceof Decision.Denied denied && facts.approvers().contains(userId)) {
            throw new Refused(denied.reason());
        }
        return task;
    }

    /** May {@code asker} ask {@code approvers} to review the task? Refuses with the policy's reason. */
    public void requireReview(Asker asker, long id, Collection<String> approvers) {
        Task task = tasks.find(id).orElseThrow(() -> new TaskProblem.NotFound(id));
        TaskFacts facts = facts(task);
        Decision decision = policy.askReview(Actor.person(asker.userId()), facts, origin(asker), approvers);
        if (!decision.allowed() && admins.isAdmin(asker.teamId(), asker.userId())) {
            decision = policy.askReview(Actor.admin(asker.userId()), facts, origin(asker), approvers);
        }
        throwUnlessAllowed(decision, id);
    }

    /**
     * May {@code asker} hand {@code from}'s place as approver of the task to {@code to}
     * ({@link PermissionPolicy#delegate})? Refuses with the policy's reason; a hidden task is not found.
     */
    public void requireDelegation(Asker asker, long id, String from, String to) {
        Task task = tasks.find(id).orElseThrow(() -> new TaskProblem.NotFound(id));
        TaskFacts facts = facts(task);
        Decision decision = policy.delegate(Actor.person(asker.userId()), facts, origin(asker), from, to);
        if (!decision.allowed() && admins.isAdmin(asker.teamId(), asker.userId())) {
            decision = policy.delegate(Actor.admin(asker.userId()), facts, origin(asker), from, to);
        }
        throwUnlessAllowed(decision, id);
    }

    /**
     * Why a review of a task not made yet (the creation form) could not be asked for, if it could
     * not: the asker is its creator, so naming themself is what is refused.
     */
    public Optional<String> reviewOfNewTask(Asker asker, Optional<String> assignee, Collection<String> approvers) {
        TaskFacts facts = new TaskFacts(0, asker.userId(), assignee, Set.of(), Optional.empty(), Optional.empty());
        Decision decision = policy.askReview(Actor.person(asker.userId()), facts, origin(asker), approvers);
        return decision instanceof Decision.Denied denied
                ? Optional.of(denied.reason().replace("task #0", "this task"))
                : Optional.empty();
    }

    /**
     * Why {@code asker} may not create a task in {@code channelId} of this door's workspace, if they
     * may not ({@link PermissionPolicy#createIn}). Asks Slack for the conversation's kind (remembered)
     * and, unless it is public, whether the asker is in it.
     */
    public Optional<String> refusalToCreateIn(Asker asker, String channelId) {
        String team = tasks.workspace().value();
        ConversationKind kind = kinds.kindOf(team, channelId).orElse(ConversationKind.PRIVATE);
        boolean member = !kind.isPublic() && kinds.isMember(team, channelId, asker.userId()).orElse(false);
        return policy.createIn(Actor.person(asker.userId()), new Conversation(channelId, kind), member) instanceof Decision.Denied d
                ? Optional.of(d.reason()) : Optional.empty();
    }

    /** Who lists from where: the viewer to filter by, or empty for an admin, who sees every task. */
    public Optional<Viewer> viewer(Asker asker) {
        return admins.isAdmin(asker.teamId(), asker.userId())
                ? Optional.empty()
                : Optional.of(new Viewer(asker.userId(), asker.fromConversation()));
    }

    /** The task, if the REST key may do {@code action} to it: else {@link Refused} (403) or NotFound (404). */
    public Task require(ApiKeyHolder key, long id, RestAction action) {
        Task task = tasks.find(id).orElseThrow(() -> new TaskProblem.NotFound(id));
        throwUnlessAllowed(policy.decide(key, facts(task), action), id);
        return task;
    }

    /** {@link #requireAnswer(Asker, long, TaskAction)} for a REST key's principal, who must be able to read the task. */
    public Task requireAnswer(ApiKeyHolder key, long id, TaskAction action) {
        Task task = tasks.find(id).orElseThrow(() -> new TaskProblem.NotFound(id));
        if (!policy.decide(key, facts(task), RestAction.READ).allowed()) {
            throw new TaskProblem.NotFound(id);
        }
        return requireAnswer(key.principal(), Origin.nowhere(), task, action);
    }

    /** The viewer a REST key lists as: its principal from no conversation, or empty for managers and admins. */
    public static Optional<Viewer> viewer(ApiKeyHolder key) {
        return key.role() == KeyRole.MEMBER ? Optional.of(new Viewer(key.principal(), Optional.empty())) : Optional.empty();
    }

    public PermissionPolicy policy() {
        return policy;
    }

    /** Admins, for the commands that only they may run. */
    public boolean isAdmin(Asker asker) {
        return admins.isAdmin(asker.teamId(), asker.userId());
    }

    /** The policy's facts about {@code task}: the only place a task becomes facts. */
    public TaskFacts facts(Task task) {
        return facts(task, true);
    }

    /** {@code learn}: ask Slack for a conversation kind not stored yet (a network call). */
    private TaskFacts facts(Task task, boolean learn) {
        Optional<ApprovalParties> parties = approvals.parties(task.id());
        Set<String> approvers = parties.map(ApprovalParties::approvers).orElse(Set.of());
        Optional<String> askedBy = parties.flatMap(ApprovalParties::requestedBy);
        Optional<Conversation> conversation = task.slack().map(place -> new Conversation(place.channelId(),
                place.kind().flatMap(TaskAccess::kind)
                        .or(() -> learn ? learnKind(task.id(), task.workspace().value(), place.channelId()) : Optional.empty())
                        .orElse(ConversationKind.PRIVATE)));
        return new TaskFacts(task.id(), task.createdBy(), task.assignee(), approvers, askedBy, conversation);
    }

    /**
     * The kind of a conversation as Slack tells it, or empty when it can't (the task stays private).
     * REST tasks posted to a channel store it at once, so lists (which filter in SQL) agree.
     */
    public Optional<ConversationKind> kindOf(WorkspaceId workspace, String channelId) {
        return kinds.kindOf(workspace.value(), channelId);
    }

    /** A kind stored before it was known is learned once and stored, so lists and reads agree from then on. */
    private Optional<ConversationKind> learnKind(long taskId, String teamId, String channelId) {
        Optional<ConversationKind> kind = kinds.kindOf(teamId, channelId);
        kind.ifPresent(k -> tasks.recordConversationKind(taskId, k.name()));
        return kind;
    }

    private Decision decide(Asker asker, Task task, TaskAction action) {
        TaskFacts facts = facts(task);
        Decision decision = policy.decide(Actor.person(asker.userId()), facts, origin(asker), action);
        if (!decision.allowed() && admins.isAdmin(asker.teamId(), asker.userId())) {
            decision = policy.decide(Actor.admin(asker.userId()), facts, origin(asker), action);
        }
        return decision;
    }

    private static void throwUnlessAllowed(Decision decision, long id) {
        if (decision instanceof Decision.Hidden) {
            throw new TaskProblem.NotFound(id);
        }
        if (decision instanceof Decision.Denied denied) {
            throw new Refused(denied.reason());
        }
    }

    private static Origin origin(Asker asker) {
        return asker.fromConversation().map(Origin::in).orElseGet(Origin::nowhere);
    }

    private static Optional<ConversationKind> kind(String stored) {
        try {
            return Optional.of(ConversationKind.valueOf(stored));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
