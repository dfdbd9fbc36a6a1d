package io.taskbridge.command;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads lengths of time such as {@code 24h}, {@code 90m}, {@code 1d}, {@code 1h30m}, {@code 2 days}. */
final class Durations {

    private static final String UNIT = "(w|wks?|weeks?|d|days?|h|hrs?|hours?|m|mins?|minutes?)";
    private static final Pattern PIECE = Pattern.compile("(\\d{1,5}) ?" + UNIT);
    private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,5} ?" + UNIT + " ?)+");
    /** A token that is, or starts, a length of time: {@code 24h}, {@code 1h30m}, {@code 2}. */
    static final Pattern LOOKS_LIKE = Pattern.compile("\\d+(?:[a-zA-Z]+\\d+)*[a-zA-Z]*");
    static final Pattern UNIT_WORD = Pattern.compile(UNIT, Pattern.CASE_INSENSITIVE);

    private Durations() {}

    /** The length of time the words name, or empty if they are not one (or add up to nothing). */
    static Optional<Duration> parse(List<String> words) {
        String text = String.join(" ", words).toLowerCase(Locale.ROOT);
        if (!WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher m = PIECE.matcher(text);
        while (m.find()) {
            long amount = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2).charAt(0)) {
                case 'w' -> Duration.ofDays(7 * amount);
                case 'd' -> Duration.ofDays(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofMinutes(amount);
            });
        }
        return total.isZero() ? Optional.empty() : Optional.of(total);
    }
}
