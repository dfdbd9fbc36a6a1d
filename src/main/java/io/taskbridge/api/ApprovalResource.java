package io.taskbridge.api;

import io.taskbridge.approval.Approval;
import io.taskbridge.approval.ApprovalResponse;
import io.taskbridge.approval.ApprovalStep;
import io.taskbridge.task.Task;
import java.util.List;

/** An approval as the REST API shows it, with Workiva's names for steps and responses. */
record ApprovalResource(String taskId, String taskStatus, int round, String state, int currentStep, List<Step> approvalSteps) {

    record Step(String completionMode, Integer required, List<String> participants, String dueDate, List<Response> responses) {}

    record Response(String userId, String action, String comment, String created) {}

    static ApprovalResource of(Approval a, Task task) {
        return new ApprovalResource(Long.toString(a.taskId()), task.status().name(), a.round(), a.state().name(),
                a.currentStep(), a.steps().stream().map(ApprovalResource::step).toList());
    }

    private static Step step(ApprovalStep s) {
        return new Step(s.mode().stored(), s.mode().count().orElse(null), s.participants(), s.dueDate().map(Object::toString).orElse(null),
                s.responses().stream().map(ApprovalResource::response).toList());
    }

    private static Response response(ApprovalResponse r) {
        return new Response(r.userId(), r.decision().name(), r.comment().orElse(null), r.at().toString());
    }
}
