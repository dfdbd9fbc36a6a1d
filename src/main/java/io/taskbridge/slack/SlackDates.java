package io.taskbridge.slack;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The one place where times become Slack text, shared by the task message and the replies.
 * In mrkdwn a due date is Slack's date token, which every reader's client shows in their own time
 * zone; where mrkdwn is not rendered (notification text) it is plain words with the zone named.
 */
public final class SlackDates {
    /** What the date token shows: "Tomorrow at 5:00 PM", "Nov 27, 2026 at 17:00" (reader's settings). */
    public static final String FORMAT = "{date_short_pretty} at {time}";

    private static final DateTimeFormatter PLAIN =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy, h:mm a z", Locale.ENGLISH);

    private SlackDates() {}

    /**
     * Slack's date token for {@code at}: {@code <!date^EPOCH^{date_short_pretty} at {time}|FALLBACK>},
     * the fallback being the ISO-8601 UTC instant (whole seconds) for clients that can't format it.
     */
    public static String token(Instant at) {
        Instant seconds = at.truncatedTo(ChronoUnit.SECONDS);
        return "<!date^" + seconds.getEpochSecond() + "^" + FORMAT + "|" + seconds + ">";
    }

    /** A due date as mrkdwn: the token, followed by a warning when the task is overdue. */
    public static String due(Instant due, boolean overdue) {
        return overdue ? token(due) + " :warning: *overdue*" : token(due);
    }

    /** {@code at} as plain words in {@code zone}, e.g. "Fri 27 Nov 2026, 5:00 PM CET". */
    public static String plain(Instant at, ZoneId zone) {
        return PLAIN.format(at.atZone(zone));
    }

    /**
     * A reminder offset in words: "24 h", "1 h 30 min", "45 min", "3 days" (whole days from two
     * days up), rounded to the minute.
     */
    public static String offset(Duration offset) {
        long minutes = Math.round(offset.getSeconds() / 60.0);
        long hours = minutes / 60;
        long rest = minutes % 60;
        if (rest == 0 && hours >= 48 && hours % 24 == 0) {
            return hours / 24 + " days";
        }
        if (hours == 0) {
            return minutes + " min";
        }
        return rest == 0 ? hours + " h" : hours + " h " + rest + " min";
    }
}
