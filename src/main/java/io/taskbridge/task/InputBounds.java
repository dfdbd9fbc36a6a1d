package io.taskbridge.task;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The one input boundary for every entry point (REST bodies and parameters, Slack commands and
 * forms, task systems): dates fall in the years 1970 to 9999, so they are always written in RFC 3339
 * and never overflow a column or a sum; text keeps newlines and tabs but no other control character,
 * and a lone UTF-16 surrogate (which no encoder can write) becomes U+FFFD.
 */
public final class InputBounds {
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    public static final String DATE_RANGE = "Dates must fall in the years 1970 to 9999.";
    private static final char REPLACEMENT = '\uFFFD';

    private InputBounds() {}

    public static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** What is wrong with an instant, or empty when it is within the years 1970 to 9999. */
    public static Optional<String> dateProblem(Instant instant) {
        return inRange(instant) ? Optional.empty() : Optional.of(DATE_RANGE);
    }

    /**
     * An RFC 3339 date and time ({@code 2025-06-01T17:00:00Z}, any offset), to the second; or, with
     * {@code dateAlone}, also a date by itself (its start, UTC). Empty when it is neither; the range
     * is not checked here.
     */
    public static Optional<Instant> parse(String text, boolean dateAlone) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.SECONDS));
        } catch (DateTimeException e) {
            if (!dateAlone) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code text} without control characters other than newline and tab (C0, DEL and C1, so no
     * NUL, no terminal escape), {@code \r\n} read as a newline, and each unpaired surrogate replaced
     * by U+FFFD. Returns {@code text} itself when there is nothing to change.
     */
    public static String clean(String text) {
        if (!needsCleaning(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean needsCleaning(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c) || (Character.isISOControl(c) && c != '\n' && c != '\t')) {
                return true;
            }
        }
        return false;
    }
}
