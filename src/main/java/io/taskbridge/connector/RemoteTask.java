package io.taskbridge.connector;

import io.taskbridge.approval.CompletionMode;
import io.taskbridge.task.Status;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task as a task system holds it, already mapped onto seed 001's lifecycle. {@code remoteStatus}
 * keeps the system's own word ("Awaiting Approval") for people; {@code status} is what Taskbridge
 * shows and filters on. User ids are the system's own ids; {@code modified} is its last-change time,
 * the polling cursor.
 */
public record RemoteTask(
        String externalId,
        String title,
        Optional<String> description,
        Status status,
        String remoteStatus,
        List<String> assignees,
        Optional<Instant> dueDate,
        Instant modified,
        List<Step> approvalSteps,
        Optional<String> url) {

    public RemoteTask {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(modified, "modified");
        assignees = List.copyOf(assignees);
        approvalSteps = List.copyOf(approvalSteps);
    }

    /** One approval step (Workiva): who may answer, whether one or all must, what they answered. */
    public record Step(CompletionMode mode, List<String> participants, List<Response> responses) {
        public Step {
            participants = List.copyOf(participants);
            responses = List.copyOf(responses);
        }
    }

    /** One participant's answer: APPROVE, REJECT, or another Workiva action (SUBMIT, CANCEL…). */
    public record Response(String userId, String action, Optional<String> comment, Instant at) {}

    /** Every response of every step, oldest first. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public List<Response> responses() {
        return approvalSteps.stream().flatMap(s -> s.responses().stream())
                .sorted(java.util.Comparator.comparing(Response::at)).toList();
    }
}
