package io.taskbridge.task;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is looking at a list of tasks, and from which conversation: the list keeps only the tasks
 * they may see. This is the permission policy's SEE rule for someone who is not an admin, written
 * as SQL so that counts and pages never include a hidden task: a task in no conversation or a
 * public one, one in the conversation they look from, or one they take part in (creator,
 * assignee, an approver of its current round, the review's asker). A conversation of unknown kind
 * counts as private. Admins list without a viewer.
 */
public record Viewer(String userId, Optional<String> fromConversation) {
    public Viewer {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(fromConversation, "fromConversation");
    }

    /** The SQL condition over {@code tasks}; its parameters are bound by {@link #bind}. */
    String condition() {
        return "(slack_channel IS NULL OR slack_conversation_kind = 'PUBLIC'"
                + fromConversation.map(c -> " OR slack_channel = :viewerOrigin").orElse("")
                + " OR created_by = :viewer OR assignee = :viewer OR approval_requested_by = :viewer"
                + " OR EXISTS (SELECT 1 FROM approval_participants vp WHERE vp.task_id = tasks.id"
                + " AND vp.round = tasks.approval_round AND vp.user_id = :viewer))";
    }

    <Q extends org.jdbi.v3.core.statement.SqlStatement<Q>> Q bind(Q query) {
        fromConversation.ifPresent(c -> query.bind("viewerOrigin", c));
        return query.bind("viewer", userId);
    }
}
