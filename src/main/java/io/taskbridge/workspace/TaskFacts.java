package io.taskbridge.workspace;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the policy needs to know about a task: its number, who made it, who holds it, the approvers
 * of its current review round and who asked for that review, and the conversation it lives in. A
 * task in no conversation (made over REST without a channel) is visible like a public one.
 */
public record TaskFacts(
        long taskId,
        String creator,
        Optional<String> assignee,
        Set<String> approvers,
        Optional<String> reviewAskedBy,
        Optional<Conversation> conversation) {

    public TaskFacts {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(assignee, "assignee");
        Objects.requireNonNull(reviewAskedBy, "reviewAskedBy");
        Objects.requireNonNull(conversation, "conversation");
        approvers = Set.copyOf(approvers);
    }

    public boolean unassigned() {
        return assignee.isEmpty();
    }

    /** Creator or assignee: who may change the task. */
    public boolean isOwner(String userId) {
        return creator.equals(userId) || assignee.filter(userId::equals).isPresent();
    }

    /** Creator, assignee, an approver or the review's asker: who sees the task from anywhere. */
    public boolean isParticipant(String userId) {
        return isOwner(userId) || approvers.contains(userId) || reviewAskedBy.filter(userId::equals).isPresent();
    }

    public boolean isWorkspaceVisible() {
        return conversation.map(c -> c.kind().isPublic()).orElse(true);
    }
}
