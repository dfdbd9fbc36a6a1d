package io.taskbridge.task;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a task lives in Slack: the channel it was made in, the kind of conversation that is
 * ({@code PUBLIC}, {@code PRIVATE}, {@code DM}, {@code GROUP_DM}; empty while not known, which
 * counts as private) and, once posted, its message's ts. The message is updated in place whenever
 * the task changes. A task made from a message in that channel ("Create a task" on a message)
 * also keeps that message ({@code source}).
 */
public record SlackPlace(String teamId, String channelId, Optional<String> messageTs, Optional<String> kind,
                         Optional<Source> source) {
    public SlackPlace {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(messageTs, "messageTs");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
    }

    /** The message a task was made from, in the task's channel: its ts, and its permalink once Slack gave it. */
    public record Source(String ts, Optional<String> permalink) {
        public Source {
            Objects.requireNonNull(ts, "ts");
            Objects.requireNonNull(permalink, "permalink");
        }
    }

    /** A place not made from a message. */
    public SlackPlace(String teamId, String channelId, Optional<String> messageTs, Optional<String> kind) {
        this(teamId, channelId, messageTs, kind, Optional.empty());
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
