package io.taskbridge.slack;

import io.taskbridge.access.Asker;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.workspace.ConversationKind;
import java.util.Optional;

/**
 * Who asked, from where: the Slack ids a command or click arrives with, the kind of the
 * conversation as the payload tells it (a slash command's {@code channel_name}), and the workspace
 * it is for (the team, or the enterprise of an org-wide installation; see {@link PayloadWorkspace}).
 */
public record Caller(String userId, String teamId, String channelId, ConversationKind kind, WorkspaceId workspace) {

    /**
     * The person as the permission policy sees them: asking from this conversation, in this
     * workspace (whose token answers the policy's admin and conversation look-ups).
     */
    public Asker asker() {
        return new Asker(workspace.value(), userId, channelId.isBlank() ? Optional.empty() : Optional.of(channelId));
    }
}
