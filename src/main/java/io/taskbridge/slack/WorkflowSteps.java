package io.taskbridge.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.model.event.FunctionExecutedEvent;
import io.taskbridge.access.Asker;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.approval.ApprovalPlan;
import io.taskbridge.approval.ApprovalProblem;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.platform.Secret;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workflow Builder steps, as Bolt's custom functions ({@code function_executed}):
 * <ul>
 *   <li>{@code create_task} (title, description, assignee, due date, channel) creates the task in the
 *       execution's workspace and completes with {@code task_id} and {@code link};
 *   <li>{@code request_approval} (title, approvers, any/all, channel) creates the task, asks the
 *       approvers, and waits: {@link StepExecutions} completes it when the approval is decided, with
 *       {@code decision}, {@code decided_by} and {@code comment}.
 * </ul>
 * Both take a {@code requester}, the person the workflow acts for (the task's creator, told of
 * what happens to it, and the review's asker, who may not approve it). Everything before the ack is local (the task, the
 * execution row, the outbox row); Slack is told through the outbox. Bad inputs complete the step
 * with an error that says what was wrong. A retried event finds its execution and does nothing.
 */
final class WorkflowSteps {
    private static final Logger log = LoggerFactory.getLogger(WorkflowSteps.class);
    static final String CREATE_TASK = "create_task";
    static final String REQUEST_APPROVAL = "request_approval";

    private final TaskAccess access;
    private final ApprovalService approvals;
    private final TaskLinks links;
    private final StepExecutions executions;
    private final Slack slack;
    private final java.time.Clock clock;
    /** Only for steps that cannot be recorded (no encryption key): their error is sent after the ack from here. */
    private final ExecutorService unrecorded = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "workflow-step-errors");
        t.setDaemon(true);
        return t;
    });

    WorkflowSteps(TaskAccess access, ApprovalService approvals, TaskLinks links, StepExecutions executions, Slack slack,
                  java.time.Clock clock) {
        this.clock = clock;
        this.access = access;
        this.approvals = approvals;
        this.links = links;
        this.executions = executions;
        this.slack = slack;
    }

    void register(App app) {
        app.function(CREATE_TASK, (payload, ctx) -> {
            run(payload, this::createTask);
            return ctx.ack();
        });
        app.function(REQUEST_APPROVAL, (payload, ctx) -> {
            run(payload, this::requestApproval);
            return ctx.ack();
        });
    }

    private interface Step {
        void run(StepExecutions.Execution execution, StepInputs inputs, String team);
    }

    private void run(EventsApiPayload<FunctionExecutedEvent> payload, Step step) {
        FunctionExecutedEvent event = payload.getEvent();
        Optional<WorkspaceId> workspace = UninstallEvents.workspace(payload);
        if (event == null || event.getFunctionExecutionId() == null || event.getBotAccessToken() == null
                || workspace.isEmpty()) {
            log.warn("function_executed without an execution id, token or workspace: ignored");
            return;
        }
        String callback = event.getFunction() == null ? "" : String.valueOf(event.getFunction().getCallbackId());
        StepExecutions.Execution execution = new StepExecutions.Execution(event.getFunctionExecutionId(), workspace.get(),
                callback, new Secret(event.getBotAccessToken()));
        if (!executions.canKeepTokens()) {
            failUnrecorded(execution);
            return;
        }
        String team = Optional.ofNullable(payload.getTeamId()).orElse(workspace.get().value());
        try {
            step.run(execution, new StepInputs(event.getInputs()), team);
        } catch (StepInputs.Bad | TaskProblem | ApprovalProblem e) {
            executions.fail(execution, e.getMessage());
        }
    }

    private void createTask(StepExecutions.Execution execution, StepInputs in, String team) {
        if (executions.known(execution.id())) {
            return;
        }
        TaskDraft draft = TaskDraft.titled(in.required("title", "a title"))
                .withDescription(in.text("description"))
                .withAssignee(in.user("assignee"))
                .withDueDate(in.due("due_date"));
        String channel = in.channel("channel");
        String creator = in.requiredUser("requester", "the person the task is for (its creator)");
        Task task = create(execution, draft, creator, team, channel);
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("task_id", Long.toString(task.id()));
        links.link(task.id()).ifPresent(link -> outputs.put("link", link));
        executions.succeed(execution, Optional.of(task.id()), outputs);
    }

    private void requestApproval(StepExecutions.Execution execution, StepInputs in, String team) {
        Optional<Long> waiting = executions.waitingTask(execution.id());
        if (executions.known(execution.id()) && (waiting.isEmpty() || approvals.find(waiting.get()).isPresent())) {
            return;
        }
        String title = in.required("title", "a title");
        List<String> approvers = in.users("approvers", "at least one approver");
        ApprovalPlan plan = new ApprovalPlan(List.of(new ApprovalPlan.Step(approvers, in.mode("mode"), Optional.empty())));
        String channel = in.channel("channel");
        String requester = in.requiredUser("requester", "the person who asks for the approval");
        // The one policy: the requester (creator and asker of the review) may not be an approver.
        Optional<String> refused = access.in(execution.workspace()).reviewOfNewTask(
                new Asker(execution.workspace().value(), requester, Optional.of(channel)), Optional.empty(), approvers);
        if (refused.isPresent()) {
            throw new StepInputs.Bad(refused.get());
        }
        ApprovalService.problemWith(plan, clock.instant()).ifPresent(p -> {
            throw new StepInputs.Bad(p);
        });
        long taskId = waiting.orElseGet(() -> {
            Task task = create(execution, TaskDraft.titled(title), requester, team, channel);
            executions.await(execution, task.id());
            return task.id();
        });
        try {
            approvals.request(taskId, plan, requester);
        } catch (ApprovalProblem | TaskProblem e) {
            executions.failWaiting(execution.id(), e.getMessage());
        }
    }

    /** The task, once per execution (its id is the creation's idempotency key), in the execution's workspace. */
    private Task create(StepExecutions.Execution execution, TaskDraft draft, String creator, String team, String channel) {
        return access.in(execution.workspace()).tasks().create(draft, creator, Optional.of(SlackPlace.channel(team, channel)),
                Optional.of("function:" + execution.id())).task();
    }

    private void failUnrecorded(StepExecutions.Execution execution) {
        log.warn("workflow step {} fails: TASKBRIDGE_ENCRYPTION_KEY is not set, so its token can't be kept", execution.id());
        unrecorded.execute(() -> {
            SlackResult<Boolean> sent = new SlackWeb(slack.methods(execution.token().value())).failStep(execution.id(),
                    "Taskbridge can't run workflow steps until its TASKBRIDGE_ENCRYPTION_KEY is set "
                            + "(the step's Slack token is kept encrypted while it runs). Ask whoever runs Taskbridge.");
            if (!(sent instanceof SlackResult.Ok<Boolean>)) {
                log.warn("functions.completeError for {} failed: {}", execution.id(), sent);
            }
        });
    }
}
