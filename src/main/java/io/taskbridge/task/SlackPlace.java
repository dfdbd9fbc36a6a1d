package io.taskbridge.task;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a task lives in Slack: the channel it was made in, the kind of conversation that is
 * ({@code PUBLIC}, {@code PRIVATE}, {@code DM}, {@code GROUP_DM}; empty while not known, which
 * counts as private) and, once posted, its message's ts. The message is updated in place whenever
 * the task changes.
 */
public record SlackPlace(String teamId, String channelId, Optional<String> messageTs, Optional<String> kind) {
    public SlackPlace {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(messageTs, "messageTs");
        Objects.requireNonNull(kind, "kind");
    }

    /** A place whose conversation kind is not known. */
    public SlackPlace(String teamId, String channelId, Optional<String> messageTs) {
        this(teamId, channelId, messageTs, Optional.empty());
    }

    public static SlackPlace channel(String teamId, String channelId) {
        return new SlackPlace(teamId, channelId, Optional.empty(), Optional.empty());
    }

    /** A channel of a known kind (a slash command's {@code channel_name} told it). */
    public static SlackPlace channel(String teamId, String channelId, String kind) {
        return new SlackPlace(teamId, channelId, Optional.empty(), Optional.of(kind));
    }
}
