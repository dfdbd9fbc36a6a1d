package io.taskbridge.slack;

import io.taskbridge.approval.ApprovalService;
import io.taskbridge.outbox.Delivery;
import io.taskbridge.outbox.OutboxMessage;
import java.util.List;

/**
 * A user group named as approvers, looked up when its step starts: {@code usergroups.users.list}
 * (scope {@code usergroups:read}), then its members join the step through the approval service,
 * which asks them. Slack is called from the outbox, never inside a decision's transaction; a retry
 * after a crash finds the group expanded already and changes nothing.
 */
final class GroupExpansions {
    private final SlackWeb web;
    private final ApprovalService approvals;

    GroupExpansions(SlackWeb web, ApprovalService approvals) {
        this.web = web;
        this.approvals = approvals;
    }

    static boolean handles(OutboxMessage message) {
        return message instanceof OutboxMessage.GroupExpansion;
    }

    Delivery.Outcome deliver(Delivery.Attempt attempt) {
        OutboxMessage.GroupExpansion g = (OutboxMessage.GroupExpansion) attempt.message();
        SlackResult<List<String>> members = web.groupMembers(g.groupId());
        if (members instanceof SlackResult.Failed<List<String>> failed && !failed.retryable()) {
            // Slack will never answer (a deleted group, a missing scope): the group brings nobody, so
            // its step is decided by the people it has, or expires with nobody to ask, instead of
            // waiting for ever. The row stays dead with the reason, for the operator.
            approvals.expandGroup(g.taskId(), g.round(), g.position(), g.groupId(), List.of());
            return new Delivery.Outcome.Failed(failed.error(), false);
        }
        return SlackDelivery.outcome(members,
                users -> approvals.expandGroup(g.taskId(), g.round(), g.position(), g.groupId(), users));
    }
}
