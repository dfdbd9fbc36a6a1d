package io.taskbridge.slack;

import com.slack.api.Slack;
import io.taskbridge.outbox.Delivery;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.outbox.OutboxWorker;
import io.taskbridge.platform.Secret;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a workflow step's completion with the execution's own token, as Slack documents for
 * custom steps (not the workspace's bot token). An execution Slack says is already completed, or
 * no longer exists, counts as delivered: a completion retried after its answer was lost is not an
 * error. Once delivered, the token is dropped.
 */
public final class StepDelivery implements Delivery {
    private static final Logger log = LoggerFactory.getLogger(StepDelivery.class);
    private static final Set<String> ALREADY_DONE = Set.of("execution_not_in_running_state", "function_execution_not_found");

    private final Slack slack;
    private final StepExecutions executions;

    public StepDelivery(Slack slack, StepExecutions executions) {
        this.slack = slack;
        this.executions = executions;
    }

    @Override
    public Outcome deliver(Attempt attempt) {
        if (!(attempt.message() instanceof OutboxMessage.StepCompletion completion)) {
            throw new IllegalArgumentException("not a step completion: " + attempt.message().kind());
        }
        String id = completion.executionId();
        Optional<Secret> token = executions.token(id);
        if (token.isEmpty()) {
            return new Outcome.Failed("the step's token is not kept (TASKBRIDGE_ENCRYPTION_KEY changed or unset?)", false);
        }
        SlackWeb web = new SlackWeb(slack.methods(token.get().value()));
        SlackResult<Boolean> sent = completion.error().isPresent()
                ? web.failStep(id, completion.error().get())
                : web.completeStep(id, completion.outputs());
        if (sent instanceof SlackResult.Ok<Boolean>
                || sent instanceof SlackResult.Failed<Boolean> f && ALREADY_DONE.contains(f.error())) {
            if (sent instanceof SlackResult.Failed<Boolean> f) {
                log.info("workflow step {} was already completed ({})", id, f.error());
            }
            executions.delivered(id);
            return new Outcome.Delivered();
        }
        if (sent instanceof SlackResult.RateLimited<Boolean> limited) {
            return new Outcome.WaitFor(limited.retryAfter(), OutboxWorker.RATE_LIMITED);
        }
        SlackResult.Failed<Boolean> failed = (SlackResult.Failed<Boolean>) sent;
        return new Outcome.Failed(failed.error(), failed.retryable());
    }
}
