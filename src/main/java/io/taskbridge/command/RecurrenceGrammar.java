package io.taskbridge.command;

import io.taskbridge.recurring.Recurrence;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words after {@code every}: {@code day}, {@code 3 days}, {@code weekday}, {@code monday}
 * (also {@code mon}, {@code mondays}, {@code monday and thursday}), {@code week}, {@code 2 weeks}
 * (optionally {@code on friday}), {@code month}, {@code 3 months} (optionally {@code on the 1st}),
 * each optionally followed by a time of day ({@code 9am}, {@code 9:30}, {@code at 17:00},
 * {@code noon}). Pure; empty when the words are not a recurrence.
 */
public final class RecurrenceGrammar {
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,2}");
    private static final Pattern ORDINAL = Pattern.compile("([1-9][0-9]?)(st|nd|rd|th)?");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?(am|pm)?");

    private RecurrenceGrammar() {}

    /** The recurrence these words spell, or empty. */
    public static Optional<Recurrence> read(List<String> raw) {
        List<String> words = new ArrayList<>();
        for (String w : raw) {
            for (String part : w.toLowerCase(Locale.ROOT).replace(",", " , ").split("\\s+")) {
                if (!part.isEmpty() && !part.equals(",") && !part.equals("and")) {
                    words.add(part);
                }
            }
        }
        try {
            return Optional.ofNullable(rule(words));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Recurrence rule(List<String> w) {
        if (w.isEmpty()) {
            return null;
        }
        int i = 0;
        int interval = 1;
        boolean other = !w.isEmpty() && w.get(0).equals("other");
        if (NUMBER.matcher(w.get(0)).matches() || w.get(0).equals("other")) {
            interval = w.get(0).equals("other") ? 2 : Integer.parseInt(w.get(0));
            i = 1;
        }
        if (i >= w.size()) {
            return null;
        }
        String unit = w.get(i++);
        Recurrence rule;
        if (unit.equals("weekday") || unit.equals("weekdays")) {
            rule = interval == 1 ? Recurrence.weekly(1, Recurrence.WEEKDAYS) : null;
        } else if (day(unit).isPresent()) {
            Set<DayOfWeek> days = EnumSet.of(day(unit).get());
            while (i < w.size() && day(w.get(i)).isPresent()) {
                days.add(day(w.get(i++)).get());
            }
            rule = interval == 1 ? Recurrence.weekly(1, days) : null;
        } else if (unit.equals("day") || unit.equals("days")) {
            rule = fits(unit, interval, other) ? Recurrence.daily(interval) : null;
        } else if (unit.equals("week") || unit.equals("weeks")) {
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            if (i < w.size() && w.get(i).equals("on")) {
                i++;
                while (i < w.size() && day(w.get(i)).isPresent()) {
                    days.add(day(w.get(i++)).get());
                }
                if (days.isEmpty()) {
                    return null;
                }
            }
            rule = fits(unit, interval, other) ? Recurrence.weekly(interval, days) : null;
        } else if (unit.equals("month") || unit.equals("months")) {
            Optional<Integer> dom = Optional.empty();
            if (i < w.size() && w.get(i).equals("on")) {
                i++;
                if (i < w.size() && w.get(i).equals("the")) {
                    i++;
                }
                Matcher m = i < w.size() ? ORDINAL.matcher(w.get(i)) : null;
                if (m == null || !m.matches()) {
                    return null;
                }
                dom = Optional.of(Integer.parseInt(m.group(1)));
                i++;
            }
            rule = fits(unit, interval, other) ? Recurrence.monthly(interval, dom) : null;
        } else {
            return null;
        }
        if (rule == null) {
            return null;
        }
        if (i < w.size() && w.get(i).equals("at")) {
            i++;
            if (i >= w.size()) {
                return null;
            }
        }
        if (i < w.size()) {
            Optional<LocalTime> t = time(w.get(i++));
            if (t.isEmpty()) {
                return null;
            }
            rule = rule.at(t.get());
        }
        return i == w.size() ? rule : null;
    }

    /** "every 2 weeks", "every week": a plural unit with a number, a singular one without. */
    private static boolean plural(String unit, int interval) {
        return unit.endsWith("s") == (interval > 1);
    }

    private static boolean fits(String unit, int interval, boolean other) {
        return other ? !unit.endsWith("s") : plural(unit, interval);
    }

    static Optional<LocalTime> time(String word) {
        if (word.equals("noon")) {
            return Optional.of(LocalTime.NOON);
        }
        if (word.equals("midnight")) {
            return Optional.of(LocalTime.MIDNIGHT);
        }
        Matcher m = CLOCK.matcher(word);
        if (!m.matches() || (m.group(2) == null && m.group(3) == null)) {
            return Optional.empty();
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if (m.group(3) != null) {
            if (hour < 1 || hour > 12) {
                return Optional.empty();
            }
            hour = hour % 12 + (m.group(3).equals("pm") ? 12 : 0);
        }
        if (hour > 23 || minute > 59) {
            return Optional.empty();
        }
        return Optional.of(LocalTime.of(hour, minute));
    }

    private static Optional<DayOfWeek> day(String word) {
        String w = word.endsWith("s") && word.length() > 4 ? word.substring(0, word.length() - 1) : word;
        for (DayOfWeek d : DayOfWeek.values()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            if (w.equals(name) || (w.length() >= 3 && name.startsWith(w) && w.length() <= name.length())) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
