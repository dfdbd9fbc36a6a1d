package io.taskbridge.recurring;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a recurring task comes back: every {@code interval} days, weeks (on some weekdays) or months
 * (on a day of the month), at a time of day, in the series creator's time zone. Pure: dates in, dates
 * out. Wall-clock times are kept across daylight saving changes (java.time's rules: a time that does
 * not exist that day, in the spring gap, moves forward by the gap's length; one that exists twice, in
 * the autumn overlap, is the earlier). A day of the month past the month's end is its last day.
 */
public record Recurrence(Unit unit, int interval, Set<DayOfWeek> days, Optional<Integer> dayOfMonth,
                         Optional<LocalTime> time) {
    /** A time of day not given means 17:00, as for due dates. */
    public static final LocalTime DEFAULT_TIME = LocalTime.of(17, 0);
    public static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    /** The unit of the interval. */
    public enum Unit {
        DAY(366), WEEK(52), MONTH(24);

        final int maxInterval;

        Unit(int maxInterval) {
            this.maxInterval = maxInterval;
        }
    }

    public Recurrence {
        Objects.requireNonNull(unit, "unit");
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        Objects.requireNonNull(dayOfMonth, "dayOfMonth");
        Objects.requireNonNull(time, "time");
        if (interval < 1 || interval > unit.maxInterval) {
            throw new IllegalArgumentException("every 1 to " + unit.maxInterval + " " + unit.name().toLowerCase(Locale.ROOT) + "s");
        }
        if (!days.isEmpty() && unit != Unit.WEEK) {
            throw new IllegalArgumentException("weekdays only for weekly series");
        }
        if (dayOfMonth.isPresent() && (unit != Unit.MONTH || dayOfMonth.get() < 1 || dayOfMonth.get() > 31)) {
            throw new IllegalArgumentException("a day of the month from 1 to 31, only for monthly series");
        }
    }

    public static Recurrence daily(int interval) {
        return new Recurrence(Unit.DAY, interval, Set.of(), Optional.empty(), Optional.empty());
    }

    public static Recurrence weekly(int interval, Set<DayOfWeek> days) {
        return new Recurrence(Unit.WEEK, interval, days, Optional.empty(), Optional.empty());
    }

    public static Recurrence monthly(int interval, Optional<Integer> dayOfMonth) {
        return new Recurrence(Unit.MONTH, interval, Set.of(), dayOfMonth, Optional.empty());
    }

    public Recurrence at(LocalTime t) {
        return new Recurrence(unit, interval, days, dayOfMonth, Optional.of(t));
    }

    /**
     * This rule with what it left open taken from the series' first occurrence: its time of day, its
     * weekday (a weekly rule without days), its day of the month (a monthly rule without one).
     */
    public Recurrence anchoredTo(ZonedDateTime first) {
        return new Recurrence(unit, interval,
                unit == Unit.WEEK && days.isEmpty() ? Set.of(first.getDayOfWeek()) : days,
                unit == Unit.MONTH ? dayOfMonth.or(() -> Optional.of(first.getDayOfMonth())) : dayOfMonth,
                time.or(() -> Optional.of(first.toLocalTime())));
    }

    /** The first occurrence after {@code now} (in {@code now}'s zone), for a series started without a due date. */
    public ZonedDateTime first(ZonedDateTime now) {
        LocalTime t = time.orElse(DEFAULT_TIME);
        LocalDate today = now.toLocalDate();
        switch (unit) {
            case DAY -> {
                ZonedDateTime candidate = at(today, t, now);
                return candidate.isAfter(now) ? candidate : at(today.plusDays(1), t, now);
            }
            case WEEK -> {
                Set<DayOfWeek> on = days.isEmpty() ? Set.of(today.getDayOfWeek()) : days;
                for (int i = 0; i <= 7; i++) {
                    LocalDate d = today.plusDays(i);
                    if (on.contains(d.getDayOfWeek()) && at(d, t, now).isAfter(now)) {
                        return at(d, t, now);
                    }
                }
                throw new IllegalStateException("no weekday in a week");
            }
            default -> {
                int dom = dayOfMonth.orElse(today.getDayOfMonth());
                for (int m = 0; ; m++) {
                    ZonedDateTime candidate = at(onDay(YearMonth.from(today).plusMonths(m), dom), t, now);
                    if (candidate.isAfter(now)) {
                        return candidate;
                    }
                }
            }
        }
    }

    /**
     * The occurrence after {@code previous}, in its zone. Weekly rules count weeks from Monday: the
     * next chosen weekday later in {@code previous}'s week, else the first chosen weekday
     * {@code interval} weeks on. Call on an {@link #anchoredTo anchored} rule.
     */
    public ZonedDateTime next(ZonedDateTime previous) {
        LocalTime t = time.orElse(previous.toLocalTime());
        LocalDate d = previous.toLocalDate();
        return switch (unit) {
            case DAY -> at(d.plusDays(interval), t, previous);
            case WEEK -> {
                Set<DayOfWeek> on = days.isEmpty() ? Set.of(d.getDayOfWeek()) : days;
                LocalDate monday = d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                for (LocalDate x = d.plusDays(1); x.isBefore(monday.plusDays(7)); x = x.plusDays(1)) {
                    if (on.contains(x.getDayOfWeek())) {
                        yield at(x, t, previous);
                    }
                }
                LocalDate later = monday.plusWeeks(interval);
                DayOfWeek firstDay = on.stream().min(DayOfWeek::compareTo).orElseThrow();
                yield at(later.with(TemporalAdjusters.nextOrSame(firstDay)), t, previous);
            }
            case MONTH -> at(onDay(YearMonth.from(d).plusMonths(interval), dayOfMonth.orElse(d.getDayOfMonth())), t, previous);
        };
    }

    private static LocalDate onDay(YearMonth month, int dom) {
        return month.atDay(Math.min(dom, month.lengthOfMonth()));
    }

    private static ZonedDateTime at(LocalDate date, LocalTime time, ZonedDateTime zoneOf) {
        return ZonedDateTime.of(date, time, zoneOf.getZone());
    }

    /** The stored form, e.g. {@code WEEK/2/MON,FRI/-/09:30} (read back by {@link #parse}). */
    public String spec() {
        return unit + "/" + interval + "/"
                + (days.isEmpty() ? "-" : days.stream().sorted().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(",")))
                + "/" + dayOfMonth.map(String::valueOf).orElse("-") + "/" + time.map(LocalTime::toString).orElse("-");
    }

    public static Recurrence parse(String spec) {
        String[] p = spec.split("/", -1);
        if (p.length != 5) {
            throw new IllegalArgumentException("not a recurrence: " + spec);
        }
        Set<DayOfWeek> days = p[2].equals("-") ? Set.of() : java.util.Arrays.stream(p[2].split(","))
                .map(Recurrence::day).collect(Collectors.toSet());
        return new Recurrence(Unit.valueOf(p[0]), Integer.parseInt(p[1]), days,
                p[3].equals("-") ? Optional.empty() : Optional.of(Integer.parseInt(p[3])),
                p[4].equals("-") ? Optional.empty() : Optional.of(LocalTime.parse(p[4])));
    }

    private static DayOfWeek day(String abbreviation) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(abbreviation)) {
                return d;
            }
        }
        throw new IllegalArgumentException("not a weekday: " + abbreviation);
    }

    /** In words: "every 2 weeks on Monday, Friday at 09:30", "every weekday at 09:30", "every month on the 1st". */
    public String describe() {
        String every = "every " + (interval == 1 ? "" : interval + " ");
        String what = switch (unit) {
            case DAY -> every + (interval == 1 ? "day" : "days");
            case WEEK -> days.equals(WEEKDAYS) && interval == 1 ? "every weekday"
                    : interval == 1 && !days.isEmpty() ? "every " + names(days)
                    : every + (interval == 1 ? "week" : "weeks") + (days.isEmpty() ? "" : " on " + names(days));
            case MONTH -> every + (interval == 1 ? "month" : "months") + dayOfMonth.map(d -> " on the " + ordinal(d)).orElse("");
        };
        return what + time.map(t -> " at " + t).orElse("");
    }

    private static String names(Set<DayOfWeek> days) {
        return days.stream().sorted().map(d -> d.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH))
                .collect(Collectors.joining(", "));
    }

    static String ordinal(int n) {
        String suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
