package io.taskbridge.approval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One step of an approval: who must answer, how many of them must approve, by when, and what
 * they answered so far. Steps are numbered from 0 in the order they run.
 */
public record ApprovalStep(int position, CompletionMode mode, List<String> participants, Optional<Instant> dueDate,
                           List<ApprovalResponse> responses) {
    public ApprovalStep {
        participants = List.copyOf(participants);
        responses = List.copyOf(responses);
    }

    public boolean isParticipant(String userId) {
        return participants.contains(userId);
    }

    public Optional<ApprovalResponse> responseOf(String userId) {
        return responses.stream().filter(r -> r.userId().equals(userId)).findFirst();
    }

    public boolean rejected() {
        return responses.stream().anyMatch(r -> r.decision() == Decision.REJECT);
    }

    /** ONE: any approval; ALL: every participant approved. */
    public boolean approved() {
        long approvals = responses.stream().filter(r -> r.decision() == Decision.APPROVE).count();
        return !rejected() && (mode == CompletionMode.ONE ? approvals >= 1 : approvals >= participants.size());
    }

    /** Participants who have not answered yet. */
    public List<String> waitingFor() {
        return participants.stream().filter(p -> responseOf(p).isEmpty()).toList();
    }
}
