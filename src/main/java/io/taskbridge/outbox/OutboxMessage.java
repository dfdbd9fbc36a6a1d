package io.taskbridge.outbox;

import io.taskbridge.task.ReminderKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything Taskbridge sends out, as rows that wait in the outbox until delivered. Each kind
 * names itself; its fields are the row's JSON payload.
 */
public sealed interface OutboxMessage {

    /** The row's {@code kind} column. */
    String kind();

    /** Post the task's channel message, or update it in place if it was posted already. */
    record TaskMessage(long taskId) implements OutboxMessage {
        static final String KIND = "task_message";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** Ask one approver: a DM with the task and Approve / Reject buttons. */
    record ApprovalRequest(long taskId, int round, int position, String userId) implements OutboxMessage {
        static final String KIND = "approval_request";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * A reminder as a reply in the task's thread; {@code broadcast} also shows it in the channel.
     * Rendered from the task as it is at delivery: a task closed meanwhile gets no reminder.
     * {@code fireAt}: when it was planned to fire (its lag is measured from there; empty in rows
     * queued before it was recorded).
     */
    record ReminderReply(long taskId, ReminderKind reminder, boolean broadcast, Optional<Instant> fireAt)
            implements OutboxMessage {
        static final String KIND = "reminder_reply";

        public ReminderReply {
            fireAt = Objects.requireNonNullElse(fireAt, Optional.empty());
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** Update every message that shows this approval round, after a decision. */
    record ApprovalSync(long taskId, int round) implements OutboxMessage {
        static final String KIND = "approval_sync";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * A reminder as a direct message ({@code conversations.open}, then a post); waits out the user's
     * quiet hours. {@code fireAt} as for {@link ReminderReply}.
     */
    record ReminderDm(long taskId, ReminderKind reminder, String user, Optional<Instant> fireAt)
            implements OutboxMessage {
        static final String KIND = "reminder_dm";

        public ReminderDm {
            fireAt = Objects.requireNonNullElse(fireAt, Optional.empty());
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** A line in the task's thread, under its channel message. */
    record ThreadNote(long taskId, String text) implements OutboxMessage {
        static final String KIND = "thread_note";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** A channel's daily list of overdue tasks; tasks no longer overdue at delivery are left out. */
    record OverdueDigest(String channel, List<Long> taskIds) implements OutboxMessage {
        static final String KIND = "overdue_digest";

        public OverdueDigest {
            taskIds = List.copyOf(taskIds);
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** A message for the task system that holds a task, not for Slack: delivered in the task systems' lane. */
    sealed interface ForTaskSystem extends OutboxMessage {
        /** The connection that holds the task. */
        String connection();
    }

    /**
     * A step's outcome for the task system that holds the task: one per step (its approval, or the
     * rejection that ends the round), submitted as the connection's own user.
     */
    record BackendDecision(long taskId, String connection, String externalId, String decision, String comment,
                           String actor) implements ForTaskSystem {
        static final String KIND = "backend_decision";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * A review asked for in Slack, to be set up in the task system that holds the task: one approval
     * step there per step here (each with its due date, if any), then submitted for approval. Keyed
     * per task ({@link #key}), so a newer round's request replaces one still waiting.
     */
    record BackendReview(long taskId, String connection, String externalId, int round, List<Optional<Instant>> stepDueDates)
            implements ForTaskSystem {
        static final String KIND = "backend_review";

        public BackendReview {
            stepDueDates = List.copyOf(stepDueDates);
        }

        /** The dedupe key of the review of {@code taskId}: a decision on the task waits while it is pending. */
        public static String key(long taskId) {
            return KIND + ":" + taskId;
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** A plain direct message to a person, e.g. telling a task's creator to invite the bot. */
    record Notice(String user, String text) implements OutboxMessage {
        static final String KIND = "notice";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * A line for a channel about a task (a subscription's notice): threaded under the task's own
     * message when that message is in the same channel, a plain post otherwise.
     */
    record ChannelNote(String channel, long taskId, String text) implements OutboxMessage {
        static final String KIND = "channel_note";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** A task system's approval response to a task that has a Slack message: said in the task's thread. */
    record RemoteResponse(long taskId, String system, RemoteFact.Responded response) implements OutboxMessage {
        static final String KIND = "remote_response";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * What a task system changed in a task, for a channel subscribed to it: threaded under the
     * task's own message when that message is in the same channel, a plain post otherwise.
     */
    record RemoteNews(String channel, long taskId, String system, String title, Optional<String> url,
                      List<RemoteFact> facts) implements OutboxMessage {
        static final String KIND = "remote_news";

        public RemoteNews {
            facts = List.copyOf(facts);
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * Completes a Workflow Builder step's function execution: {@code functions.completeSuccess} with
     * {@code outputs}, or, with an {@code error}, {@code functions.completeError}. Sent with the
     * execution's own token (kept sealed with the execution, V19).
     */
    record StepCompletion(String executionId, java.util.Map<String, String> outputs, Optional<String> error)
            implements OutboxMessage {
        static final String KIND = "step_completion";

        public StepCompletion {
            outputs = java.util.Map.copyOf(outputs);
            error = Objects.requireNonNullElse(error, Optional.empty());
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * Look up the members of a Slack user group named on an approval step that has just started
     * ({@code usergroups.users.list}), and make them the step's approvers.
     */
    record GroupExpansion(long taskId, int round, int position, String groupId) implements OutboxMessage {
        static final String KIND = "group_expansion";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * Publish {@code user}'s App Home (views.publish), rendered from their tasks as they are at
     * delivery. Keyed per workspace and person ({@link #key}) so a burst of changes is one publish.
     */
    record HomeView(String user) implements OutboxMessage {
        static final String KIND = "home_view";

        public static String key(io.taskbridge.platform.WorkspaceId workspace, String user) {
            return KIND + ":" + workspace.value() + ":" + user;
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** A reply in the thread of the message a task was made from, saying the task exists and linking it. */
    record SourceReply(long taskId) implements OutboxMessage {
        static final String KIND = "source_reply";

        @Override
        public String kind() {
            return KIND;
        }
    }

    static Class<? extends OutboxMessage> type(String kind) {
        return switch (kind) {
            case TaskMessage.KIND -> TaskMessage.class;
            case ApprovalRequest.KIND -> ApprovalRequest.class;
            case ApprovalSync.KIND -> ApprovalSync.class;
            case ThreadNote.KIND -> ThreadNote.class;
            case BackendDecision.KIND -> BackendDecision.class;
            case BackendReview.KIND -> BackendReview.class;
            case ReminderReply.KIND -> ReminderReply.class;
            case ReminderDm.KIND -> ReminderDm.class;
            case OverdueDigest.KIND -> OverdueDigest.class;
            case Notice.KIND -> Notice.class;
            case ChannelNote.KIND -> ChannelNote.class;
            case RemoteResponse.KIND -> RemoteResponse.class;
            case RemoteNews.KIND -> RemoteNews.class;
            case StepCompletion.KIND -> StepCompletion.class;
            case GroupExpansion.KIND -> GroupExpansion.class;
            case HomeView.KIND -> HomeView.class;
            case SourceReply.KIND -> SourceReply.class;
            default -> throw new IllegalArgumentException("unknown outbox kind " + kind);
        };
    }
}
