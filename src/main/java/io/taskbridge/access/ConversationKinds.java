package io.taskbridge.access;

import io.taskbridge.workspace.ConversationKind;
import java.util.Optional;

/**
 * The kind of a conversation whose tasks were stored without one (before the kind was recorded, or
 * posted there by a REST key): Slack's {@code conversations.info}, remembered for a while. Empty
 * when it can't be told, which keeps the task private. {@code teamId} is the workspace id (team, or
 * enterprise of an org-wide install) whose token is asked.
 */
@FunctionalInterface
public interface ConversationKinds {
    ConversationKinds UNKNOWN = (team, channel) -> Optional.empty();

    Optional<ConversationKind> kindOf(String teamId, String channelId);

    /**
     * Whether {@code userId} is a member of the conversation, as Slack tells it; empty when it can't
     * (then they count as not a member).
     */
    default Optional<Boolean> isMember(String teamId, String channelId, String userId) {
        return Optional.empty();
    }
}
