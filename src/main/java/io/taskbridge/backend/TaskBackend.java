package io.taskbridge.backend;

import io.taskbridge.approval.Decision;
import java.time.Duration;
import java.util.Optional;

/**
 * The port to a task system that holds tasks Taskbridge shows in Slack. The built-in store needs
 * no adapter (its changes are applied in the same transaction); connectors implement this for
 * Workiva, awork and the generic task REST protocol. Calls may be slow or fail: they run from the
 * outbox, after the Slack ack, and are retried.
 */
public interface TaskBackend {

    /** The connection's name, as tasks record it ({@code tasks.connection}). */
    String name();

    /** Hands an approver's decision to the task system (Workiva: {@code actionSubmission}). */
    Result submitDecision(Submission submission);

    /** One decision, as the task system needs it. */
    record Submission(String externalId, Decision decision, Optional<String> comment, String actor) {}

    /** How a call went. */
    sealed interface Result {
        record Done() implements Result {}

        /** The task system asked us to wait (HTTP 429 and its Retry-After). */
        record Throttled(Duration after) implements Result {}

        /** Not reachable now (5xx, time-out, connection refused): back off and try again. */
        record Unavailable(String reason) implements Result {}

        /** The task system refused for good (bad credentials, unknown task): no retry will help. */
        record Refused(String reason) implements Result {}
    }
}
