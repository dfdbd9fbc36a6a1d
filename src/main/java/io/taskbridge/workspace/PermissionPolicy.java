package io.taskbridge.workspace;

import java.util.Collection;

/**
 * Who may do what to a task: the one answer every entry point (slash commands, buttons, modals, App
 * Home, digests, the REST API) asks for. Pure: it decides from the facts it is given.
 *
 * <ul>
 *   <li><b>Seeing.</b> A task in a public conversation (or in none) is visible to the workspace; one
 *       in a private channel, DM or group DM only from inside it, to its participants (creator,
 *       assignee, approvers, the review's asker) and to admins. Otherwise {@link Decision.Hidden},
 *       for every action: a refusal must not tell that the task exists.
 *   <li><b>Changing.</b> Creator, assignee or admin; anyone who sees an unassigned task from its own
 *       conversation may start it (taking it).
 *   <li><b>Approving.</b> Creator, assignee or admin ask for a review; only a named approver
 *       decides, and never the review's asker nor the task's creator unless self-approval is allowed.
 *   <li><b>Delegating.</b> An approver hands over their own place, the creator or an admin anyone's;
 *       never to the review's asker or the task's creator ({@link #delegate}).
 *   <li><b>REST keys.</b> See {@link #decide(ApiKeyHolder, TaskFacts, RestAction)}.
 * </ul>
 */
public final class PermissionPolicy {
    private final boolean allowSelfApproval;

    /** {@code allowSelfApproval}: {@code TASKBRIDGE_ALLOW_SELF_APPROVAL=true}, for small teams. */
    public PermissionPolicy(boolean allowSelfApproval) {
        this.allowSelfApproval = allowSelfApproval;
    }

    /** May {@code actor}, asking from {@code origin}, do {@code action} to the task? */
    public Decision decide(Actor actor, TaskFacts task, Origin origin, TaskAction action) {
        if (!sees(actor, task, origin)) {
            return Decision.HIDDEN;
        }
        return switch (action) {
            case SEE -> Decision.ALLOWED;
            case START -> start(actor, task, origin);
            case DONE, CANCEL, REDATE, RETITLE, REASSIGN, ASK_REVIEW -> ownerOrAdmin(actor, task, action);
            case APPROVE, REJECT -> decideReview(actor, task, action);
        };
    }

    /**
     * May the task be shown to everyone in the conversation of {@code origin} (a link preview is
     * seen by all its members, not only by who posted the link)? Only a task visible to the whole
     * workspace, or one shown inside its own conversation; otherwise {@link Decision#HIDDEN}. Whoever
     * shares it must also be able to see it ({@link #decide}).
     */
    public Decision showToConversation(TaskFacts task, Origin origin) {
        return task.conversation().map(c -> c.kind().isPublic() || origin.isInside(c)).orElse(true)
                ? Decision.ALLOWED : Decision.HIDDEN;
    }

    /**
     * May {@code actor} create a task in {@code conversation} (its message is posted there, for
     * everyone in it to see)? In a public channel, anyone in the workspace; in a private channel, a
     * DM or a group DM, only its members ({@code member}: whether Slack says {@code actor} is one;
     * false when it can't say). Admins are no exception: seeing a private conversation's tasks is
     * not posting into it. The refusal names no conversation, so a made-up or foreign id learns
     * nothing.
     */
    public Decision createIn(Actor actor, Conversation conversation, boolean member) {
        return conversation.kind().isPublic() || member
                ? Decision.ALLOWED
                : new Decision.Denied("You can't create a task in that conversation: it is private and you are not in it. "
                        + "Pick a channel you are a member of.");
    }

    /**
     * May {@code actor} ask {@code approvers} to review the task? Besides who may ask, every approver
     * named must be able to answer: neither the asker nor the creator (unless self-approval is
     * allowed), so a review naming only oneself, or a step that waits on someone who may not answer,
     * is refused before it starts.
     */
    public Decision askReview(Actor actor, TaskFacts task, Origin origin, Collection<String> approvers) {
        Decision asking = decide(actor, task, origin, TaskAction.ASK_REVIEW);
        if (!asking.allowed() || allowSelfApproval) {
            return asking;
        }
        if (approvers.contains(actor.userId())) {
            return new Decision.Denied(approvers.stream().allMatch(actor.userId()::equals)
                    ? "You can't review your own request for task #%d: name someone else as approver."
                            .formatted(task.taskId())
                    : "You can't approve a review you ask for: take yourself off the approvers of task #%d."
                            .formatted(task.taskId()));
        }
        if (approvers.contains(task.creator())) {
            return new Decision.Denied("The creator of task #%d can't approve it: name someone else as approver."
                    .formatted(task.taskId()));
        }
        return Decision.ALLOWED;
    }

    /**
     * May {@code actor} hand {@code from}'s place as an approver of the task to {@code to}? An
     * approver may hand over their own place; the creator and admins may replace an approver (who is
     * away). Nobody may hand it to the review's asker or the task's creator (unless self-approval is
     * allowed). Whether {@code from} still waits on the current step the approval service checks, atomically.
     */
    public Decision delegate(Actor actor, TaskFacts task, Origin origin, String from, String to) {
        if (!sees(actor, task, origin)) {
            return Decision.HIDDEN;
        }
        boolean own = actor.userId().equals(from);
        if (!own && !actor.admin() && !task.creator().equals(actor.userId())) {
            return new Decision.Denied(("Only an approver of task #%d can hand over their place; its creator or an admin"
                    + " can replace an approver who is away.").formatted(task.taskId()));
        }
        if (!task.approvers().contains(from)) {
            return new Decision.Denied((own ? "You are not an approver of task #%d, so there is no place to hand over."
                    : "The person you replace is not an approver of task #%d.").formatted(task.taskId()));
        }
        if (!allowSelfApproval && (task.creator().equals(to) || task.reviewAskedBy().filter(to::equals).isPresent())) {
            return new Decision.Denied(("Task #%d can't be approved by who created it or asked for its review: hand the"
                    + " place to someone else.").formatted(task.taskId()));
        }
        return Decision.ALLOWED;
    }

    /**
     * May a REST key do {@code action} to the task? Managers and admins: every task of their
     * workspace. Members: read public tasks (and tasks in no conversation) and those their principal
     * takes part in, change and delete only those their principal created or is assigned. A task a
     * member may not read is {@link Decision.Hidden} (answer 404); the other refusals are a 403 with
     * the reason.
     */
    public Decision decide(ApiKeyHolder key, TaskFacts task, RestAction action) {
        if (key.role() != KeyRole.MEMBER) {
            return Decision.ALLOWED;
        }
        if (!task.isWorkspaceVisible() && !task.isParticipant(key.principal())) {
            return Decision.HIDDEN;
        }
        if (action == RestAction.READ || task.isOwner(key.principal())) {
            return Decision.ALLOWED;
        }
        return new Decision.Denied("A member key can %s only tasks its principal created or is assigned to; task %d is not one of them."
                .formatted(action == RestAction.CHANGE ? "change" : "delete", task.taskId()));
    }

    /** May a REST key name a Slack {@code channel} for the bot to post in? Managers and admins only. */
    public Decision postToChannel(ApiKeyHolder key) {
        return key.role() == KeyRole.MEMBER
                ? new Decision.Denied("A member key may not set channel: posting to Slack needs a manager or admin key.")
                : Decision.ALLOWED;
    }

    /** May {@code actor} stop a recurring series {@code createdBy} started? Its creator and admins only. */
    public Decision stopSeries(Actor actor, String createdBy, long taskId) {
        return actor.admin() || actor.userId().equals(createdBy)
                ? Decision.ALLOWED
                : new Decision.Denied("Only the creator of task #" + taskId + "'s series or an admin can stop it.");
    }

    /** May a REST key export its workspace's audit trail? Admins and managers (who see every task) only. */
    public Decision exportAudit(ApiKeyHolder key) {
        return key.role() == KeyRole.MEMBER
                ? new Decision.Denied("Only an admin or manager key can export the audit trail.")
                : Decision.ALLOWED;
    }

    /** May a REST key issue, list and revoke API keys? Admins only. */
    public Decision manageKeys(ApiKeyHolder key) {
        return key.role() == KeyRole.ADMIN
                ? Decision.ALLOWED
                : new Decision.Denied("Only an admin key can manage API keys.");
    }

    /**
     * Issuing a key for a workspace: the operator's key ({@code TASKBRIDGE_ADMIN_KEY}) for any
     * workspace, a workspace's admin key for its own workspace only.
     */
    public Decision issueKey(ApiKeyHolder key, boolean operator, boolean ownWorkspace) {
        if (manageKeys(key) instanceof Decision.Denied denied) {
            return denied;
        }
        return operator || ownWorkspace ? Decision.ALLOWED
                : new Decision.Denied("A workspace's admin key issues keys for its own workspace only.");
    }

    private static boolean sees(Actor actor, TaskFacts task, Origin origin) {
        return actor.admin()
                || task.isParticipant(actor.userId())
                || task.conversation().map(c -> c.kind().isPublic() || origin.isInside(c)).orElse(true);
    }

    private static Decision start(Actor actor, TaskFacts task, Origin origin) {
        if (actor.admin() || task.isOwner(actor.userId())) {
            return Decision.ALLOWED;
        }
        if (task.unassigned() && task.conversation().filter(origin::isInside).isPresent()) {
            return Decision.ALLOWED;
        }
        String reason = onlyOwners(TaskAction.START, task);
        return new Decision.Denied(task.unassigned()
                ? reason + " Anyone can take an unassigned task from the channel it was posted in."
                : reason);
    }

    private static Decision ownerOrAdmin(Actor actor, TaskFacts task, TaskAction action) {
        return actor.admin() || task.isOwner(actor.userId())
                ? Decision.ALLOWED
                : new Decision.Denied(onlyOwners(action, task));
    }

    private static String onlyOwners(TaskAction action, TaskFacts task) {
        return "Only the creator, the assignee or an admin can %s task #%d.".formatted(action.verb(), task.taskId());
    }

    private Decision decideReview(Actor actor, TaskFacts task, TaskAction action) {
        String who = actor.userId();
        if (!task.approvers().contains(who)) {
            return new Decision.Denied("Only the approvers of task #%d can %s it.".formatted(task.taskId(), action.verb()));
        }
        if (allowSelfApproval) {
            return Decision.ALLOWED;
        }
        if (task.reviewAskedBy().filter(who::equals).isPresent()) {
            return new Decision.Denied("You asked for this review of task #%d, so another approver must %s it."
                    .formatted(task.taskId(), action.verb()));
        }
        if (task.creator().equals(who)) {
            return new Decision.Denied("You created task #%d, so another approver must %s it."
                    .formatted(task.taskId(), action.verb()));
        }
        return Decision.ALLOWED;
    }
}
