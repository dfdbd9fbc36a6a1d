package io.taskbridge.task;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a task lives in Slack: the channel it was made in and, once posted, its message's ts.
 * The message is updated in place whenever the task changes.
 */
public record SlackPlace(String teamId, String channelId, Optional<String> messageTs) {
    public SlackPlace {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(messageTs, "messageTs");
    }

    public static SlackPlace channel(String teamId, String channelId) {
        return new SlackPlace(teamId, channelId, Optional.empty());
    }
}
