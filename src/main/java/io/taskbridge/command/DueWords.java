package io.taskbridge.command;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Map;

/** What single words of a due date mean, for {@link CommonDuePhrases}: names, numbers, dates. */
final class DueWords {

    /** The years read in dates; prettytime reads others, and nobody types them. */
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2099;
    /** The years a due date can have (task.InputBounds holds the same); a year-month-day date may name any of them. */
    static final int EARLIEST_YEAR = 1970;
    static final int LATEST_YEAR = 9999;

    private static final Map<String, DayOfWeek> WEEKDAYS = Map.ofEntries(
            Map.entry("monday", DayOfWeek.MONDAY), Map.entry("mon", DayOfWeek.MONDAY),
            Map.entry("tuesday", DayOfWeek.TUESDAY), Map.entry("tue", DayOfWeek.TUESDAY),
            Map.entry("tues", DayOfWeek.TUESDAY),
            Map.entry("wednesday", DayOfWeek.WEDNESDAY), Map.entry("wed", DayOfWeek.WEDNESDAY),
            Map.entry("thursday", DayOfWeek.THURSDAY), Map.entry("thu", DayOfWeek.THURSDAY),
            Map.entry("thur", DayOfWeek.THURSDAY), Map.entry("thurs", DayOfWeek.THURSDAY),
            Map.entry("friday", DayOfWeek.FRIDAY), Map.entry("fri", DayOfWeek.FRIDAY),
            Map.entry("saturday", DayOfWeek.SATURDAY), Map.entry("sat", DayOfWeek.SATURDAY),
            Map.entry("sunday", DayOfWeek.SUNDAY), Map.entry("sun", DayOfWeek.SUNDAY));

    private static final Map<String, Month> MONTHS = Map.ofEntries(
            Map.entry("january", Month.JANUARY), Map.entry("jan", Month.JANUARY),
            Map.entry("february", Month.FEBRUARY), Map.entry("feb", Month.FEBRUARY),
            Map.entry("march", Month.MARCH), Map.entry("mar", Month.MARCH),
            Map.entry("april", Month.APRIL), Map.entry("apr", Month.APRIL),
            Map.entry("may", Month.MAY),
            Map.entry("june", Month.JUNE), Map.entry("jun", Month.JUNE),
            Map.entry("july", Month.JULY), Map.entry("jul", Month.JULY),
            Map.entry("august", Month.AUGUST), Map.entry("aug", Month.AUGUST),
            Map.entry("september", Month.SEPTEMBER), Map.entry("sep", Month.SEPTEMBER),
            Map.entry("sept", Month.SEPTEMBER),
            Map.entry("october", Month.OCTOBER), Map.entry("oct", Month.OCTOBER),
            Map.entry("november", Month.NOVEMBER), Map.entry("nov", Month.NOVEMBER),
            Map.entry("december", Month.DECEMBER), Map.entry("dec", Month.DECEMBER));

    private DueWords() {}

    /** The weekday a name or abbreviation ({@code fri}, {@code thurs}) stands for, else null. */
    static DayOfWeek weekday(String w) {
        return w == null ? null : WEEKDAYS.get(w);
    }

    /** The month a name or abbreviation ({@code dec}, {@code sept}) stands for, else null. */
    static Month month(String w) {
        return w == null ? null : MONTHS.get(w);
    }

    /** A day of the month, 1 to 31, with or without its ordinal ending ({@code 1st}); else -1. */
    static int dayOfMonth(String w) {
        if (w == null) {
            return -1;
        }
        String digits = w;
        if (w.length() > 2 && Character.isLetter(w.charAt(w.length() - 1))) {
            digits = w.substring(0, w.length() - 2);
            if (!w.endsWith(ordinal(number(digits, 1, 31)))) {
                return -1;
            }
        }
        return number(digits, 1, 31);
    }

    private static String ordinal(int n) {
        if (n < 0) {
            return "?";
        }
        if (n % 100 >= 11 && n % 100 <= 13) {
            return "th";
        }
        return switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    /** A year-month-day date ({@code 2026-12-01}) that exists, else null. */
    static LocalDate iso(String w) {
        if (w.length() != 10 || w.charAt(4) != '-' || w.charAt(7) != '-') {
            return null;
        }
        int year = number(w.substring(0, 4), EARLIEST_YEAR, LATEST_YEAR);
        int month = number(w.substring(5, 7), 1, 12);
        int day = number(w.substring(8), 1, 31);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null; // 2026-02-30: left to prettytime
        }
    }

    /** Two digits, 00 to 59; else -1. */
    static int minute(String w) {
        return w.length() == 2 ? number(w, 0, 59) : -1;
    }

    /** The decimal number {@code w} spells if it lies in [min, max] (no sign, one or more digits); else -1. */
    static int number(String w, int min, int max) {
        if (w.isEmpty() || w.length() > 4) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n >= min && n <= max ? n : -1;
    }
}
