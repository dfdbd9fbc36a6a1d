package io.taskbridge.slack;

import io.taskbridge.approval.ApprovalChanged;
import io.taskbridge.approval.ApprovalEvents;
import io.taskbridge.approval.ApprovalResponse;
import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.platform.Daos;
import io.taskbridge.platform.Secret;
import io.taskbridge.platform.SecretBox;
import io.taskbridge.platform.Sql;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.platform.Writes;
import io.taskbridge.task.Status;
import io.taskbridge.task.TaskChanged;
import io.taskbridge.task.TaskEvents;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The function executions of Workflow Builder steps (V19): each recorded once (Slack's retries of
 * {@code function_executed} find it), with its token sealed, and completed once: the completion is
 * an outbox row written in the same transaction as the compare-and-set that completes the row. A
 * "Request approval" step waits as a row; this is also the approval listener that completes it
 * when the approval is decided, however it was decided (a Slack click, REST, after a restart), and
 * the task listener that fails it when its task is canceled before anyone decided.
 */
public final class StepExecutions implements ApprovalEvents, TaskEvents {
    private static final Logger log = LoggerFactory.getLogger(StepExecutions.class);
    private static final Sql WAITING_FOR = Sql.of(StepDao.WAITING_FOR);

    /** Output names of the "Request approval" step (manifests/). */
    static final String DECISION = "decision";
    static final String DECIDED_BY = "decided_by";
    static final String COMMENT = "comment";

    private final Jdbi jdbi;
    private final Writes writes;
    private final Outbox outbox;
    private final Optional<SecretBox> box;
    private final Clock clock;

    /** A function execution as Slack started it: its id, workspace, step and token (the event's bot_access_token). */
    record Execution(String id, WorkspaceId workspace, String callbackId, Secret token) {}

    /** {@code box}: seals tokens with TASKBRIDGE_ENCRYPTION_KEY; without it no step can be recorded. */
    public StepExecutions(Jdbi jdbi, Writes writes, Outbox outbox, Optional<SecretBox> box, Clock clock) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.outbox = outbox;
        this.box = box;
        this.clock = clock;
    }

    /** Whether tokens can be kept (sealed); without a key no step is recorded. */
    boolean canKeepTokens() {
        return box.isPresent();
    }

    /** Whether Slack sent this execution before (a retried event). */
    boolean known(String executionId) {
        return jdbi.withExtension(StepDao.class, dao -> dao.state(executionId)).isPresent();
    }

    /** The task a recorded execution waits on, while it waits. */
    Optional<Long> waitingTask(String executionId) {
        return jdbi.withExtension(StepDao.class, dao -> dao.waitingTask(executionId));
    }

    /** Records {@code execution} as waiting for a decision on {@code taskId}'s approval; false if recorded before. */
    boolean await(Execution execution, long taskId) {
        return writes.write(tx -> insert(tx, execution, Optional.of(taskId), StepDao.WAITING)) == 1;
    }

    /** Records {@code execution} (if new) as done, and queues its success with {@code outputs}. */
    void succeed(Execution execution, Optional<Long> taskId, Map<String, String> outputs) {
        finishNew(execution, taskId, new OutboxMessage.StepCompletion(execution.id(), outputs, Optional.empty()));
    }

    /** Records {@code execution} (if new) as done, and queues its error: the step failed with {@code message}. */
    void fail(Execution execution, String message) {
        finishNew(execution, Optional.empty(), new OutboxMessage.StepCompletion(execution.id(), Map.of(), Optional.of(message)));
    }

    /** Fails a waiting execution (its approval could not be asked for), once. */
    void failWaiting(String executionId, String message) {
        writes.write(tx -> {
            completeOnce(tx, executionId, new OutboxMessage.StepCompletion(executionId, Map.of(), Optional.of(message)));
            return null;
        });
    }

    private void finishNew(Execution execution, Optional<Long> taskId, OutboxMessage.StepCompletion completion) {
        boolean queued = writes.write(tx -> {
            if (insert(tx, execution, taskId, StepDao.COMPLETED) == 0) {
                return false;
            }
            outbox.enqueue(tx, execution.workspace(), completion, Optional.empty(), Optional.empty());
            return true;
        });
        if (queued) {
            log.info("workflow step {} ({}) in {} {}", execution.id(), execution.callbackId(), execution.workspace(),
                    completion.error().isPresent() ? "fails: " + completion.error().get() : "completes");
        }
    }

    private int insert(Handle tx, Execution execution, Optional<Long> taskId, String state) {
        String sealed = box.orElseThrow(() -> new IllegalStateException("no TASKBRIDGE_ENCRYPTION_KEY"))
                .seal(execution.token(), aad(execution.id()));
        return Daos.on(tx, StepDao.class).insert(execution.id(), execution.workspace().value(), execution.callbackId(),
                taskId.orElse(null), sealed, state, clock.millis());
    }

    private boolean completeOnce(Handle tx, String executionId, OutboxMessage.StepCompletion completion) {
        StepDao dao = Daos.on(tx, StepDao.class);
        if (dao.complete(executionId, clock.millis()) == 0) {
            return false;
        }
        WorkspaceId workspace = new WorkspaceId(dao.workspace(executionId).orElseThrow());
        outbox.enqueue(tx, workspace, completion, Optional.empty(), Optional.empty());
        return true;
    }

    /** The token of an execution whose completion is not delivered yet. */
    Optional<Secret> token(String executionId) {
        return box.flatMap(b -> jdbi.withExtension(StepDao.class, dao -> dao.sealedToken(executionId))
                .map(sealed -> b.open(sealed, aad(executionId))));
    }

    /** Slack has the completion: the token is dropped. */
    void delivered(String executionId) {
        jdbi.useExtension(StepDao.class, dao -> dao.forgetToken(executionId));
    }

    /**
     * A decided approval completes the steps waiting on its task, in the decision's own transaction:
     * "approved" or "rejected" (a rejection is an output, not an error), who decided, their comment.
     */
    @Override
    public void changed(ApprovalChanged event, Handle tx) {
        // Every kind named: a new kind of approval event does not compile until it says what it means here.
        Optional<String> decision = switch (event.kind()) {
            case APPROVED -> Optional.of("approved");
            case REJECTED -> Optional.of("rejected");
            // A workflow's request has no due date, so it does not expire today; if one did, it says so.
            case EXPIRED -> Optional.of("expired");
            case REQUESTED, ANSWERED, STEP_ADVANCED, GROUP_EXPANDED, DELEGATED, ESCALATED -> Optional.empty();
        };
        if (decision.isEmpty()) {
            return;
        }
        long taskId = event.approval().taskId();
        Map<String, String> outputs = Map.of(
                DECISION, decision.get(),
                DECIDED_BY, event.actor(),
                COMMENT, event.response().flatMap(ApprovalResponse::comment).orElse(""));
        for (String id : WAITING_FOR.on(tx).bind("task", taskId).strings()) {
            if (completeOnce(tx, id, new OutboxMessage.StepCompletion(id, outputs, Optional.empty()))) {
                log.info("workflow step {} completes: task #{} {} by {}", id, taskId, outputs.get(DECISION), event.actor());
            }
        }
    }

    /** A task canceled while a step waits on its approval fails the step: nobody will decide it now. */
    @Override
    public void changed(TaskChanged event, Handle tx) {
        boolean canceled = event.after().status() == Status.CANCELED
                && event.before().map(b -> b.status() != Status.CANCELED).orElse(false);
        if (!canceled) {
            return;
        }
        long taskId = event.after().id();
        String error = "Task #" + taskId + " was canceled before anyone decided.";
        for (String id : WAITING_FOR.on(tx).bind("task", taskId).strings()) {
            if (completeOnce(tx, id, new OutboxMessage.StepCompletion(id, Map.of(), Optional.of(error)))) {
                log.info("workflow step {} fails: task #{} canceled by {}", id, taskId, event.actor());
            }
        }
    }

    private static String aad(String executionId) {
        return "function_execution/" + executionId;
    }
}
