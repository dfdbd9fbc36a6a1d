package io.taskbridge.access;

import java.util.Objects;
import java.util.Optional;

/**
 * A Slack person asking from a conversation ({@code fromConversation} empty when there is none:
 * a modal, App Home). {@code teamId} names the workspace the request is for (the team, or the
 * enterprise of an org-wide installation): its token answers the admin and conversation look-ups.
 * Whether they are an admin is looked up only when the answer would change.
 */
public record Asker(String teamId, String userId, Optional<String> fromConversation) {
    public Asker {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(fromConversation, "fromConversation");
    }
}
