package io.taskbridge.command;

import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@link DueDates} spells dates before a reader sees them ("12/25" as "dec 25", "three" as
 * "3"), and checks the day a reader found really exists ("feb 30" does not).
 */
final class DateSpelling {
    private static final Pattern MONTH_AND_DAY = Pattern.compile(
            "\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b"
                    + "|\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\b");
    private static final Pattern ISO_DATE = Pattern.compile("(?<![\\d-])(\\d{4})-(\\d{1,2})-(\\d{1,2})(?![\\d-])");

    private static final Map<String, String> NUMBER_WORDS = Map.ofEntries(
            Map.entry("one", "1"), Map.entry("two", "2"), Map.entry("three", "3"),
            Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"),
            Map.entry("seven", "7"), Map.entry("eight", "8"), Map.entry("nine", "9"),
            Map.entry("ten", "10"), Map.entry("eleven", "11"), Map.entry("twelve", "12"),
            Map.entry("fifteen", "15"), Map.entry("twenty", "20"), Map.entry("thirty", "30"),
            Map.entry("forty", "40"), Map.entry("fortyfive", "45"), Map.entry("ninety", "90"));

    private DateSpelling() {}

    /**
     * "12/25" becomes "dec 25"; returns null when both numbers could be the month, and "" when
     * neither order gives a real day.
     */
    static String spellSlashDate(Matcher m) {
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        String year = m.group(3);
        int month;
        int day;
        if (a == b || (a <= 12 && b > 12)) {
            month = a;
            day = b;
        } else if (b <= 12 && a > 12) {
            month = b;
            day = a;
        } else if (a <= 12 && b <= 12) {
            return null;
        } else {
            return "";
        }
        if (day < 1 || month < 1 || day > Month.of(month).maxLength()) {
            return "";
        }
        String spelled = Month.of(month).getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT)
                + " " + day;
        if (year != null) {
            spelled += " " + (year.length() == 2 ? "20" + year : year);
        }
        return spelled;
    }

    static String spellNumbers(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.split(" ")) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(NUMBER_WORDS.getOrDefault(word, word));
        }
        return out.toString();
    }

    /**
     * False for "feb 30" or "2027-02-30": a month with a day it does not have (the library rolls
     * it over to March).
     */
    static boolean dayExists(String text, LocalDate read) {
        if (text.indexOf('-') >= 0) {
            Matcher iso = ISO_DATE.matcher(text);
            while (iso.find()) {
                int month = Integer.parseInt(iso.group(2));
                int day = Integer.parseInt(iso.group(3));
                if (month >= 1 && month <= 12
                        && (day < 1 || day > YearMonth.of(Integer.parseInt(iso.group(1)), month).lengthOfMonth())) {
                    return false;
                }
            }
        }
        Matcher m = MONTH_AND_DAY.matcher(text);
        while (m.find()) {
            String monthWord = m.group(1) != null ? m.group(1) : m.group(4);
            int day = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(3));
            Month month = monthOf(monthWord);
            if (day < 1 || day > month.maxLength()) {
                return false;
            }
            if (month == Month.FEBRUARY && day == 29 && !read.isLeapYear()) {
                return false;
            }
            if (read.getMonth() != month || read.getDayOfMonth() != day) {
                return false;
            }
        }
        return true;
    }

    private static Month monthOf(String prefix) {
        for (Month month : Month.values()) {
            if (month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return month;
            }
        }
        throw new IllegalStateException("not a month: " + prefix);
    }
}
