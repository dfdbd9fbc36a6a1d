package io.taskbridge.command;

import io.taskbridge.command.DueDates.Reading;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.Year;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * Reads the due-date phrases people type most ({@code friday 5pm}, {@code tomorrow at 9},
 * {@code in 3 days}, {@code dec 1st}, {@code 2026-12-01 17:00}) in a microsecond or two, where
 * prettytime takes over a millisecond. It reads them exactly as prettytime does, so no answer
 * changes (DueDatesFastPathTest compares the two); anything else, or anything it is not sure of,
 * it leaves to prettytime by answering empty. It only reads the words: {@link DueDates} applies
 * the same rules to both readings.
 *
 * <p>The shapes: an optional {@code due}, then an optional {@code by}, {@code on} or
 * {@code before}; then one of
 *
 * <ul>
 *   <li>a day, optionally followed by a time ({@code friday 5pm}, {@code tomorrow at 9});
 *   <li>a time, optionally followed by a day ({@code 5pm}, {@code noon tomorrow}, {@code at 9am on
 *       monday});
 *   <li>{@code in} an amount of days, weeks, hours or minutes ({@code in 3 days}, {@code in an
 *       hour});
 *   <li>{@code next week}.
 * </ul>
 *
 * <p>A day is {@code today}, {@code tomorrow}, a weekday ({@code fri}, {@code this friday}), a
 * year-month-day date, or a month and day ({@code dec 1}, {@code 1st of december}, {@code the 1
 * dec 2027}). A time is {@code noon}, {@code 5pm}, {@code 5 pm}, {@code 5:30pm}, {@code 17:30},
 * or after {@code at} a bare hour ({@code at 9} is 09:00). {@code tonight} stands alone.
 *
 * <p>{@code next monday} arrives here as {@code monday} (DueDates drops the {@code next}). Left to
 * prettytime on purpose: {@code noon 3 dec} (which it misreads as 2 Dec 03:00), dates that do not
 * exist ({@code 2027-02-30}, {@code feb 30}), and amounts over 999.
 */
final class CommonDuePhrases {

    /** The largest amount read here; prettytime refuses some larger ones. */
    private static final int LARGEST_AMOUNT = 999;

    /** What prettytime makes of {@code tonight} alone. */
    private static final LocalTime TONIGHT = LocalTime.of(20, 0);

    /** A day named by the words, still to be placed relative to now. */
    private sealed interface Day {

        /** {@code today} (0 days ahead) or {@code tomorrow} (1). */
        record Ahead(int days) implements Day {}

        /** The next one after today, as prettytime reads a weekday name. */
        record Next(DayOfWeek weekday) implements Day {}

        /** A day of a month, in this year unless a year is given. */
        record Dated(Month month, int day, Optional<Integer> year) implements Day {}

        /** A year-month-day date. */
        record Iso(LocalDate date) implements Day {}

        /** {@code tonight}: today at 20:00. */
        record Tonight() implements Day {}
    }

    private final String[] words;
    private int next;

    private CommonDuePhrases(String text) {
        this.words = text.split(" ");
    }

    /**
     * What the words say, relative to {@code ref} (now, to the minute, in the person's zone), or
     * empty when they are not one of the shapes above. {@code text} is lower case with single
     * spaces and number words already spelled as digits.
     */
    static Optional<Reading> read(String text, ZonedDateTime ref) {
        return new CommonDuePhrases(text).reading(ref);
    }

    private Optional<Reading> reading(ZonedDateTime ref) {
        take("due");
        if (!take("by") && !take("on")) {
            take("before");
        }
        if (take("in")) {
            return amount(ref);
        }
        if (take("next")) {
            return take("week") && done()
                    ? Optional.of(new Reading.OnDay(ref.toLocalDate().plusDays(7), Optional.empty()))
                    : Optional.empty();
        }
        Day day = day();
        LocalTime time = null;
        if (day == null) {
            time = time(take("at"));
            if (time != null && !done()) {
                if (words[next - 1].equals("noon") && DueWords.number(peek(), 1, 31) > 0) {
                    return Optional.empty(); // prettytime reads "noon 3 dec" as 2 Dec 03:00
                }
                take("on");
                day = day();
                if (day == null) {
                    return Optional.empty();
                }
            }
        } else if (!done()) {
            time = time(take("at"));
            if (time == null) {
                return Optional.empty();
            }
        }
        if (!done() || (day == null && time == null) || (day instanceof Day.Tonight && time != null)) {
            return Optional.empty();
        }
        Optional<LocalDate> date = day == null ? Optional.of(ref.toLocalDate()) : date(day, ref);
        if (date.isEmpty()) {
            return Optional.empty();
        }
        if (day instanceof Day.Tonight) {
            time = TONIGHT;
        }
        if (time == null) {
            return Optional.of(new Reading.OnDay(date.get(), Optional.empty()));
        }
        // prettytime sets the time on a calendar in the person's zone, so a time that the clocks skip
        // reads as the same time after the jump, as it does here; DueDates takes it from there.
        var local = ZonedDateTime.ofLocal(date.get().atTime(time), ref.getZone(), null).toLocalDateTime();
        return Optional.of(new Reading.OnDay(local.toLocalDate(), Optional.of(local.toLocalTime())));
    }

    /** After {@code in}: a number (or {@code a}, {@code an}) and a unit, and nothing more. */
    private Optional<Reading> amount(ZonedDateTime ref) {
        String number = word();
        String unit = word();
        if (number == null || unit == null || !done()) {
            return Optional.empty();
        }
        int n = number.equals("a") || number.equals("an") ? 1 : DueWords.number(number, 1, LARGEST_AMOUNT);
        if (n < 0) {
            return Optional.empty();
        }
        return switch (unit) {
            case "day", "days" -> Optional.of(new Reading.OnDay(ref.toLocalDate().plusDays(n), Optional.empty()));
            case "week", "weeks" ->
                    Optional.of(new Reading.OnDay(ref.toLocalDate().plusWeeks(n), Optional.empty()));
            case "hour", "hours", "hr", "hrs" -> Optional.of(new Reading.Exact(ref.plusHours(n)));
            case "minute", "minutes", "min", "mins" -> Optional.of(new Reading.Exact(ref.plusMinutes(n)));
            default -> Optional.empty();
        };
    }

    /** The day the next words name, or null (with nothing taken) if they do not start one. */
    private Day day() {
        int start = next;
        String w = word();
        if (w == null) {
            return null;
        }
        switch (w) {
            case "today" -> {
                return new Day.Ahead(0);
            }
            case "tomorrow" -> {
                return new Day.Ahead(1);
            }
            case "tonight" -> {
                return new Day.Tonight();
            }
            case "this" -> {
                DayOfWeek weekday = DueWords.weekday(peek());
                if (weekday != null) {
                    next++;
                    return new Day.Next(weekday);
                }
                next = start;
                return null;
            }
            default -> { /* below */ }
        }
        DayOfWeek weekday = DueWords.weekday(w);
        if (weekday != null) {
            return new Day.Next(weekday);
        }
        LocalDate iso = DueWords.iso(w);
        if (iso != null) {
            return new Day.Iso(iso);
        }
        Month month = DueWords.month(w);
        if (month != null) {
            int dayOfMonth = DueWords.dayOfMonth(word());
            if (dayOfMonth > 0) {
                return new Day.Dated(month, dayOfMonth, year());
            }
            next = start;
            return null;
        }
        if (w.equals("the")) {
            w = word();
        }
        int dayOfMonth = DueWords.dayOfMonth(w);
        if (dayOfMonth > 0) {
            take("of");
            month = DueWords.month(word());
            if (month != null) {
                return new Day.Dated(month, dayOfMonth, year());
            }
        }
        next = start;
        return null;
    }

    /** The date a day names relative to {@code ref}, or empty if there is no such day. */
    private static Optional<LocalDate> date(Day day, ZonedDateTime ref) {
        LocalDate today = ref.toLocalDate();
        if (day instanceof Day.Ahead ahead) {
            return Optional.of(today.plusDays(ahead.days()));
        }
        if (day instanceof Day.Next weekday) {
            return Optional.of(today.with(TemporalAdjusters.next(weekday.weekday())));
        }
        if (day instanceof Day.Iso iso) {
            return Optional.of(iso.date());
        }
        if (day instanceof Day.Dated dated) {
            int year = dated.year().orElse(today.getYear());
            if (dated.day() > dated.month().length(Year.isLeap(year))) {
                return Optional.empty();
            }
            return Optional.of(LocalDate.of(year, dated.month(), dated.day()));
        }
        return Optional.of(today);
    }

    /** A four-digit year in the next word, taken if there is one. */
    private Optional<Integer> year() {
        String w = peek();
        if (w != null && w.length() == 4) {
            int year = DueWords.number(w, DueWords.FIRST_YEAR, DueWords.LAST_YEAR);
            if (year > 0) {
                next++;
                return Optional.of(year);
            }
        }
        return Optional.empty();
    }

    /** The time the next words name, or null if they do not name one. */
    private LocalTime time(boolean afterAt) {
        String w = word();
        if (w == null) {
            return null;
        }
        if (w.equals("noon")) {
            return LocalTime.NOON;
        }
        String half = null;
        if (w.endsWith("am") || w.endsWith("pm")) {
            half = w.substring(w.length() - 2);
            w = w.substring(0, w.length() - 2);
        } else if ("am".equals(peek()) || "pm".equals(peek())) {
            half = word();
        }
        int colon = w.indexOf(':');
        String hours = colon < 0 ? w : w.substring(0, colon);
        int hour = hours.length() <= 2 ? DueWords.number(hours, 0, 23) : -1;
        int minute = colon < 0 ? 0 : DueWords.minute(w.substring(colon + 1));
        if (hour < 0 || minute < 0 || (half == null && colon < 0 && !afterAt)) {
            return null;
        }
        if (half != null) {
            if (hour < 1 || hour > 12) {
                return null;
            }
            hour = hour % 12 + (half.equals("pm") ? 12 : 0);
        }
        return LocalTime.of(hour, minute);
    }

    private boolean take(String word) {
        if (next < words.length && words[next].equals(word)) {
            next++;
            return true;
        }
        return false;
    }

    private String word() {
        return next < words.length ? words[next++] : null;
    }

    private String peek() {
        return next < words.length ? words[next] : null;
    }

    private boolean done() {
        return next >= words.length;
    }
}
