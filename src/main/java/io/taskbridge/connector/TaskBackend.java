package io.taskbridge.connector;

import io.taskbridge.approval.Decision;
import io.taskbridge.task.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The port to a task system that holds tasks Taskbridge shows in Slack. The built-in store needs
 * no adapter (its changes are applied in the same transaction); connectors implement this for
 * Workiva, awork and the generic task REST protocol. Calls may be slow or fail: they run after the
 * Slack ack (from the outbox, a poll, or a Slack worker thread), and are retried.
 *
 * <p>Every call but {@link #submitDecision} throws a {@link BackendException} when it fails:
 * {@code Throttled} and {@code Unavailable} may work later, the others will not. The defaults say
 * the system cannot do it, so a connector implements what its system offers.
 */
public interface TaskBackend {

    /** The connection's name, as tasks record it ({@code tasks.connection}). */
    String name();

    /** How people call the system ("Workiva"), for replies in Slack. */
    default String displayName() {
        return name();
    }

    /**
     * The base URL this connection is configured with: a link under it that names one of its tasks'
     * ids ({@code <base>/…/tasks/<id>}) is a link to that task (link previews). Empty: its links are
     * not recognised.
     */
    default java.util.Optional<java.net.URI> baseUrl() {
        return java.util.Optional.empty();
    }

    /** Hands an approver's decision to the task system (Workiva: {@code actionSubmission}). */
    Result submitDecision(Submission submission);

    /**
     * Puts the task up for approval in the task system, with one approval step per entry of
     * {@code review}; the decisions made in Slack are then handed on with {@link #submitDecision},
     * one per step. A system without approval steps keeps reviews in Taskbridge: the default does
     * nothing there.
     */
    default Result requestReview(Review review) {
        return new Result.Done();
    }

    /** Creates a task and returns it as the system now holds it (with its id). */
    default RemoteTask create(NewTask task) {
        throw unsupported("create tasks");
    }

    /** One task by the system's id. */
    default RemoteTask get(String externalId) {
        throw unsupported("read tasks");
    }

    /**
     * Tasks changed at or after {@code since}, oldest change first, one page at a time: pass the
     * previous page's {@link ChangedPage#next} to get the following one. Asks only for changed tasks,
     * so the requests per poll grow with the changes, not with all tasks.
     */
    default ChangedPage changedSince(Instant since, Optional<String> next) {
        throw unsupported("list changed tasks");
    }

    /** Moves the task to the system's status closest to {@code status} (see each connector's mapping). */
    default RemoteTask updateStatus(String externalId, Status status) {
        throw unsupported("change a task's status");
    }

    /** Sets (or clears) the assignee; {@code assignee} is the system's user id. */
    default RemoteTask assign(String externalId, Optional<String> assignee) {
        throw unsupported("assign tasks");
    }

    /** Sets (or clears) the due date. */
    default RemoteTask reschedule(String externalId, Optional<Instant> dueDate) {
        throw unsupported("change due dates");
    }

    /** The system's user id for an email address, or empty when nobody there has it. */
    default Optional<String> findUserByEmail(String email) {
        throw unsupported("look users up by email");
    }

    private BackendException unsupported(String what) {
        return new BackendException.Unsupported(displayName() + " can't " + what + " through Taskbridge.");
    }

    /**
     * One decision, as the task system needs it. {@code triedSince} is set on a retry: when the first
     * try was queued. An earlier try may have reached the system even though its answer did not
     * arrive (a time-out), so a connector that can look first does, and does not submit twice.
     */
    record Submission(String externalId, Decision decision, Optional<String> comment, String actor,
                      Optional<Instant> triedSince) {
        /** A first try. */
        public Submission(String externalId, Decision decision, Optional<String> comment, String actor) {
            this(externalId, decision, comment, actor, Optional.empty());
        }
    }

    /**
     * A review to set up: the due date of each step, in order. {@code triedSince} is set on a retry, as
     * for a {@link Submission}: an earlier try may have set it up already.
     */
    record Review(String externalId, java.util.List<Optional<Instant>> stepDueDates, Optional<Instant> triedSince) {
        public Review {
            stepDueDates = java.util.List.copyOf(stepDueDates);
        }
    }

    /** How a call went. */
    sealed interface Result {
        record Done() implements Result {}

        /** The task system asked us to wait (HTTP 429 and its Retry-After). */
        record Throttled(Duration after) implements Result {}

        /** Not reachable now (5xx, time-out, connection refused): back off and try again. */
        record Unavailable(String reason) implements Result {}

        /** The task system refused for good (bad credentials, unknown task): no retry will help. */
        record Refused(String reason) implements Result {}

        /** Runs {@code call}: {@link Done} when it returns, else the {@link Result} for its failure. */
        static Result of(Runnable call) {
            try {
                call.run();
                return new Done();
            } catch (BackendException e) {
                return of(e);
            }
        }

        /** The {@link Result} for a failed call, so connectors map exceptions one way. */
        static Result of(BackendException e) {
            if (e instanceof BackendException.Throttled t) {
                return new Throttled(t.after());
            }
            if (e instanceof BackendException.Unavailable) {
                return new Unavailable(e.getMessage());
            }
            return new Refused(e.getMessage());
        }
    }
}
