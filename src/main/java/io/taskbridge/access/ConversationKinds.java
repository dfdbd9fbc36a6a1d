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
}
