package io.taskbridge.slack;

import io.taskbridge.access.Asker;
import io.taskbridge.workspace.ConversationKind;
import java.util.Optional;

/**
 * Who asked, from where: the Slack ids a command or click arrives with, and the kind of the
 * conversation as the payload tells it (a slash command's {@code channel_name}).
 */
public record Caller(String userId, String teamId, String channelId, ConversationKind kind) {

    /** The person as the permission policy sees them: asking from this conversation. */
    public Asker asker() {
        return new Asker(teamId, userId, channelId.isBlank() ? Optional.empty() : Optional.of(channelId));
    }
}
