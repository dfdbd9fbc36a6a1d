package io.taskbridge.approval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of an approval: who must answer, how many of them must approve, by when and what then,
 * the user groups it asks, who handed their place to whom ({@code delegatedFrom}: participant to the
 * approver they replace), and what they answered so far. Steps are numbered from 0 in the order they run.
 */
public record ApprovalStep(int position, CompletionMode mode, List<String> participants, Optional<Instant> dueDate,
                           List<ApprovalResponse> responses, List<ApprovalGroup> groups, Optional<DueAction> onDue,
                           Map<String, String> delegatedFrom) {
    private static final Comparator<ApprovalResponse> ANSWER_ORDER = Comparator.comparing(ApprovalResponse::at)
            .thenComparing(ApprovalResponse::userId);

    public ApprovalStep {
        participants = List.copyOf(participants);
        responses = List.copyOf(responses);
        groups = List.copyOf(groups);
        delegatedFrom = Map.copyOf(delegatedFrom);
    }

    /**
     * This step with {@code response} among its answers, in the order the answers are read back
     * ({@link ApprovalDao#ROUND}: by time, then by person).
     */
    public ApprovalStep answeredBy(ApprovalResponse response) {
        List<ApprovalResponse> answers = new ArrayList<>(responses);
        answers.add(response);
        answers.sort(ANSWER_ORDER);
        return new ApprovalStep(position, mode, participants, dueDate, answers, groups, onDue, delegatedFrom);
    }

    public boolean isParticipant(String userId) {
        return participants.contains(userId);
    }

    public Optional<ApprovalResponse> responseOf(String userId) {
        return responses.stream().filter(r -> r.userId().equals(userId)).findFirst();
    }

    /** Approvals this step needs. */
    public int needed() {
        return mode.needed(participants.size());
    }

    /** Who approved, in the order they answered. */
    public List<String> approvers() {
        return responses.stream().filter(r -> r.decision() == Decision.APPROVE).map(ApprovalResponse::userId).toList();
    }

    /**
     * Failed: with the rejections so far it can no longer reach its count ({@link CompletionMode#failedBy}).
     * While a group's members are not known yet, a count of two or more cannot tell: the group may
     * bring the approvals it still needs.
     */
    public boolean rejected() {
        int rejections = (int) responses.stream().filter(r -> r.decision() == Decision.REJECT).count();
        boolean sizeDecides = !mode.isAll() && mode.count().orElseThrow() > 1;
        return mode.failedBy(rejections, participants.size()) && (unexpanded().isEmpty() || !sizeDecides);
    }

    /**
     * Enough participants approved (and it has not failed). "Everyone" is not everyone while a group's
     * members are not known yet: the members answer too.
     */
    public boolean approved() {
        return !participants.isEmpty() && !rejected() && approvers().size() >= needed()
                && (unexpanded().isEmpty() || !mode.isAll());
    }

    /** Participants who have not answered yet. */
    public List<String> waitingFor() {
        return participants.stream().filter(p -> responseOf(p).isEmpty()).toList();
    }

    /** Groups named on the step whose members are not known yet. */
    public List<ApprovalGroup> unexpanded() {
        return groups.stream().filter(g -> !g.expanded()).toList();
    }
}
