package io.taskbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.approval.Approval;
import io.taskbridge.approval.ApprovalProblem;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.approval.Decision;
import io.taskbridge.task.TaskService;
import io.taskbridge.workspace.RestAction;
import io.taskbridge.workspace.TaskAction;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /tasks/{id}/actionSubmission} with {@code {"action":"APPROVE"|"REJECT","comment":…}}:
 * the caller's answer on the step that waits, under the same rules as Slack's buttons (only its
 * approvers, once each, a comment to reject). Answers with the approval as it now stands.
 */
final class ApprovalRoutes {
    private final TaskService tasks;
    private final ApprovalService approvals;
    private final TaskAccess access;

    ApprovalRoutes(TaskService tasks, ApprovalService approvals, TaskAccess access) {
        this.tasks = tasks;
        this.approvals = approvals;
        this.access = access;
    }

    void submit(Context ctx, ApiCaller caller, JsonNode body) {
        long id = TaskRoutes.id(ctx);
        access.in(caller.workspace()).require(caller.holder(), id, RestAction.READ);
        Map<String, String> problems = new LinkedHashMap<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("action") && !name.equals("comment")) {
                problems.put(name, "Unknown field: only action and comment can be sent.");
            }
        }
        JsonNode action = body.get("action");
        Optional<Decision> decision = Optional.empty();
        if (action == null || !action.isTextual()) {
            problems.put("action", "action is required: APPROVE or REJECT.");
        } else {
            try {
                decision = Optional.of(Decision.valueOf(action.asText()));
            } catch (IllegalArgumentException e) {
                problems.put("action", "action must be APPROVE or REJECT.");
            }
        }
        JsonNode comment = body.get("comment");
        if (comment != null && !comment.isNull() && !comment.isTextual()) {
            problems.put("comment", "comment must be a string.");
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        Approval waiting = approvals.find(id).filter(a -> a.state() == Approval.State.PENDING)
                .orElseThrow(() -> ApiProblem.of(409, "resource_conflict",
                        "Task " + id + " is not waiting for approval.", Map.of()));
        access.in(caller.workspace()).requireAnswer(caller.holder(), id, decision.get() == Decision.APPROVE ? TaskAction.APPROVE : TaskAction.REJECT);
        Optional<String> text = comment == null || comment.isNull() ? Optional.empty() : Optional.of(comment.asText());
        try {
            approvals.decide(id, waiting.round(), waiting.currentStep(), caller.principal(), decision.get(), text);
        } catch (ApprovalProblem p) {
            throw switch (p.kind()) {
                case INVALID -> ApiProblem.invalid(Map.of("comment", p.getMessage()));
                case NOT_PARTICIPANT -> ApiProblem.denied(p.getMessage());
                case ALREADY_ANSWERED, NOT_WAITING, NO_APPROVAL -> ApiProblem.of(409, "resource_conflict", p.getMessage(), Map.of());
            };
        }
        ctx.json(ApprovalResource.of(approvals.find(id).orElseThrow(), tasks.in(caller.workspace()).get(id)));
    }
}
