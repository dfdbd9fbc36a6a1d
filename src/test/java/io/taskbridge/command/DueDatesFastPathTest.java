package io.taskbridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.command.DueDates.Parsed;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The fast path ({@link CommonDuePhrases}) must answer exactly as prettytime does for every phrase it
 * takes: same moment in the same zone, or the same refusal word for word. Phrases it does not take
 * go to prettytime anyway, so only those it takes are compared.
 *
 * <p>Each prettytime reading costs about a millisecond, so phrases and reference moments are not
 * crossed in full: each phrase is read at a few moments spread over every hour of two-week windows
 * around daylight-saving changes (and a year end), and the phrases that depend most on the time of
 * day are read at more of them.
 */
class DueDatesFastPathTest {

    /** The phrases people type most: the fast path must take every one of them. */
    private static final List<String> COMMON = List.of(
            "friday", "fri", "this friday", "by friday", "on monday", "friday 5pm", "friday at 5pm",
            "by friday 5pm", "mon 17:00", "next monday 9am", "next week", "tomorrow", "tomorrow 9am",
            "tomorrow at 9", "noon tomorrow", "5pm", "5:30pm", "17:30", "9am", "noon", "at 9", "tonight",
            "today 17:30", "eod", "eow", "today", "in 3 days", "in three days", "in 2 hours", "in 45 minutes",
            "in an hour", "in 2 weeks", "2026-12-01", "2026-12-01 17:00", "1 dec", "dec 1", "december 1st",
            "dec 1st 5pm", "1st of december", "jan 5 2027", "12/25");

    /** Every phrase read in DueDatesTest. */
    private static final List<String> FROM_DUE_DATES_TEST = List.of(
            "tomorrow 5pm", "tomorrow 9am", "Tomorrow 9AM", "tomorrow at 9", "noon tomorrow", "tomorrow",
            "tomorrow 2:30am", "in 3 days", "in three days", "in 1 day", "in 2 hours", "in an hour",
            "in 45 minutes", "in 24 hours", "next monday 9am", "monday", "friday 5pm", "by friday", "saturday",
            "next week", "next month", "2026-12-01", "2026-12-01 17:00", "Dec 1 17:00", "dec 1st 5pm", "1 Dec",
            "jan 5 2027", "12/25", "25/12", "4/4", "eod", "end of day", "today", "eow", "today 17:30", "tonight",
            "5pm", "9am", "friday 5pm", "tomorrow 1:30am", "monday 9am", "11am", "friday", "frydai",
            "friday blah", "tomorrow 25:00", "in 2 days at 9am", "friday 5pm CET", "yesterday", "today 9am",
            "jan 5", "friday or monday", "feb 30", "12/1", "13/13", "31/4", "!@#$%^&*()", "next friday",
            "next saturday 9am", "2027-02-30", "2027-02-29 5pm", "2027-04-31");

    private static final List<String> WEEKDAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday");
    private static final List<String> WEEKDAY_SPELLINGS = List.of("monday", "mon", "tuesday", "tue", "tues",
            "wednesday", "wed", "thursday", "thu", "thur", "thurs", "friday", "fri", "saturday", "sat", "sunday",
            "sun");
    private static final List<String> MONTH_SPELLINGS = List.of("january", "jan", "february", "feb", "march",
            "mar", "april", "apr", "may", "june", "jun", "july", "jul", "august", "aug", "september", "sep",
            "sept", "october", "oct", "november", "nov", "december", "dec");
    private static final List<String> TIMES = List.of("5pm", "9am", "17:30", "5:30pm", "noon", "12am", "12pm",
            "00:15", "2:30am", "at 9", "at 17", "at 0", "9 am", "11:45 pm");
    private static final List<String> LEADS = List.of("", "due ", "by ", "on ", "before ", "due by ", "due on ",
            "due before ");
    /** How a day and a time can go together; %d is the day, %t the time. */
    private static final List<String> DAY_AND_TIME = List.of("%d", "%d %t", "%d at %t", "%t %d", "%t on %d",
            "at %t on %d", "by %d at %t");

    /** Two weeks, every hour, in each zone: around both daylight-saving changes, or a year end. */
    private static List<ZonedDateTime> nows() {
        List<ZonedDateTime> nows = new ArrayList<>();
        addWindow(nows, "Europe/Berlin", "2026-03-23");     // clocks go forward 29 March
        addWindow(nows, "Europe/Berlin", "2026-10-19");     // and back 25 October
        addWindow(nows, "America/New_York", "2026-03-02");  // forward 8 March
        addWindow(nows, "America/New_York", "2026-10-26");  // back 1 November
        addWindow(nows, "Pacific/Auckland", "2026-03-30");  // back 5 April
        addWindow(nows, "Pacific/Auckland", "2026-09-21");  // forward 27 September
        addWindow(nows, "Asia/Kolkata", "2026-12-21");      // no changes; a year end
        addWindow(nows, "UTC", "2026-02-22");               // 28 February, 1 March
        return nows;
    }

    private static void addWindow(List<ZonedDateTime> nows, String zone, String firstDay) {
        LocalDate first = LocalDate.parse(firstDay);
        for (int day = 0; day < 14; day++) {
            for (int hour = 0; hour < 24; hour++) {
                // Mostly on the hour, sometimes with minutes and seconds, so "5pm" is also said at 17:00:30.
                int minute = (day + hour) % 3 == 0 ? 0 : (day * 17 + hour * 7) % 60;
                int second = (day + hour) % 2 == 0 ? 0 : (hour * 13) % 60;
                LocalDateTime local = first.plusDays(day).atTime(hour, minute, second);
                nows.add(ZonedDateTime.ofLocal(local, ZoneId.of(zone), null));
            }
        }
    }

    @Test
    void takesTheCommonPhrases() {
        for (ZonedDateTime now : List.of(nows().get(0), nows().get(1000), nows().get(2000))) {
            for (String phrase : COMMON) {
                assertThat(DueDates.readFast(phrase, now)).as(phrase + " at " + now).isPresent();
            }
        }
    }

    @Test
    void leavesToPrettytimeWhatItDoesNotKnow() {
        ZonedDateTime now = nows().get(0);
        for (String phrase : List.of("next month", "friday blah", "in 2 days at 9am", "yesterday",
                "tomorrow morning", "midnight", "noon 3 dec", "2027-02-30", "dec 32", "in 0 days", "5",
                "friday by 5pm", "tomorrow tomorrow", "tonight 9pm", "in 1000 days", "frydai")) {
            assertThat(DueDates.readFast(phrase, now)).as(phrase).isEmpty();
        }
    }

    @Test
    void answersAsPrettytimeDoesForThePhrasesOfDueDatesTest() {
        List<ZonedDateTime> nows = nows();
        List<String> differences = new ArrayList<>();
        int taken = 0;
        for (int i = 0; i < FROM_DUE_DATES_TEST.size(); i++) {
            for (int k = 0; k < 6; k++) {
                ZonedDateTime now = nows.get(Math.floorMod(i * 31 + k * 449, nows.size()));
                taken += compare(FROM_DUE_DATES_TEST.get(i), now, differences);
            }
        }
        assertThat(differences).isEmpty();
        assertThat(taken).as("readings the fast path answered itself (measured: 77%)")
                .isGreaterThanOrEqualTo(FROM_DUE_DATES_TEST.size() * 6 * 3 / 4);
    }

    @Test
    void answersAsPrettytimeDoesForDaysAndTimes() {
        List<String> phrases = new ArrayList<>();
        List<String> days = new ArrayList<>(WEEKDAYS);
        days.addAll(List.of("today", "tomorrow", "tonight", "this friday"));
        for (int d = 0; d < days.size(); d++) {
            for (int t = 0; t < TIMES.size(); t++) {
                // Two of the shapes for each day and time; over the times, each day meets every shape.
                for (int s = 0; s < 2; s++) {
                    phrases.add(dayAndTime(DAY_AND_TIME.get((d + t + s * 3) % DAY_AND_TIME.size()), days.get(d),
                            TIMES.get(t)));
                }
            }
        }
        for (String weekday : WEEKDAY_SPELLINGS) {
            for (String lead : LEADS) {
                phrases.add(lead + weekday);
                phrases.add(lead + "this " + weekday);
                phrases.add(lead + "next " + weekday);
            }
            phrases.add(weekday + " 5pm");
            phrases.add("by " + weekday + " at 9");
        }
        assertSameAnswers(phrases, 1);
    }

    @Test
    void answersAsPrettytimeDoesForTimesAlone() {
        List<String> phrases = new ArrayList<>();
        for (int hour = 1; hour <= 12; hour++) {
            phrases.addAll(List.of(hour + "am", hour + "pm", hour + ":30am", hour + ":05pm", hour + " pm"));
        }
        for (int hour = 0; hour <= 23; hour++) {
            phrases.addAll(List.of(hour + ":00", String.format("%02d:45", hour), "at " + hour));
        }
        phrases.addAll(List.of("noon", "at noon", "09am", "9:00am", "9:00 am", "at 5pm", "by 5pm", "before 17:00",
                "due at 9", "at 24", "24:00", "13pm", "0am", "12:60", "9:5"));
        for (String lead : LEADS) {
            phrases.addAll(List.of(lead + "5pm", lead + "at 9", lead + "noon"));
        }
        assertSameAnswers(phrases, 2);
    }

    @Test
    void answersAsPrettytimeDoesForDatesAndAmounts() {
        List<String> phrases = new ArrayList<>();
        int n = 0;
        for (String month : MONTH_SPELLINGS) {
            for (int day : new int[] {1, 2, 3, 11, 12, 13, 21, 22, 23, 28, 29, 30, 31}) {
                String th = day + ordinal(day);
                String phrase = switch (n++ % 8) {
                    case 0 -> month + " " + day;
                    case 1 -> month + " " + th;
                    case 2 -> day + " " + month;
                    case 3 -> th + " of " + month;
                    case 4 -> "the " + th + " of " + month + " at 9am";
                    case 5 -> month + " " + day + " 2027";
                    case 6 -> "by " + day + " " + month + " 2026 17:00";
                    default -> "5pm on " + month + " " + th;
                };
                phrases.add(phrase);
            }
        }
        for (String year : List.of("2000", "2025", "2028", "2099")) {
            phrases.addAll(List.of("feb 29 " + year, "dec 31 " + year, "1 jan " + year));
        }
        LocalDate day = LocalDate.parse("2026-02-20");
        for (int i = 0; i < 330; i += 3) {
            phrases.add(day.plusDays(i).toString());
            phrases.add(day.plusDays(i + 1) + " " + TIMES.get(i % TIMES.size()));
        }
        phrases.addAll(List.of("2026-02-29", "2027-02-30", "2028-02-29", "2026-4-5", "12/25 5pm", "by 25/12"));
        for (String unit : List.of("day", "days", "week", "weeks", "hour", "hours", "hr", "hrs", "minute",
                "minutes", "min", "mins")) {
            for (String amount : List.of("1", "2", "3", "7", "12", "24", "36", "59", "90", "365", "999", "1000",
                    "0", "01", "a", "an", "one", "three", "twenty", "fortyfive")) {
                phrases.add("in " + amount + " " + unit);
            }
        }
        phrases.addAll(List.of("next week", "by next week", "due next week", "next week 5pm"));
        assertSameAnswers(phrases, 1);
    }

    @Test
    void answersAsPrettytimeDoesAroundDaylightSavingChanges() {
        List<String> phrases = List.of("2:30am", "tomorrow 2:30am", "sunday 2:30am", "at 2", "tomorrow 2:00",
                "1:30am", "tomorrow 1:30am", "3am", "tomorrow 3:15", "in 24 hours", "in 90 minutes", "tomorrow",
                "in 1 day", "sunday", "tomorrow 12am", "2026-03-29 02:30", "29 mar 2:30am", "2026-11-01 1:30am",
                "2026-04-05 2:30am", "2026-09-27 2:30am", "next week");
        List<String> differences = new ArrayList<>();
        int i = 0;
        int taken = 0;
        for (String[] change : new String[][] {{"Europe/Berlin", "2026-03-28"}, {"Europe/Berlin", "2026-10-24"},
                {"America/New_York", "2026-03-07"}, {"America/New_York", "2026-10-31"},
                {"Pacific/Auckland", "2026-04-04"}, {"Pacific/Auckland", "2026-09-26"}}) {
            // Every half hour of the day before the change and of the day itself, a different phrase each.
            for (int half = 0; half < 96; half++) {
                LocalDateTime local = LocalDate.parse(change[1]).atStartOfDay().plusMinutes(30L * half);
                ZonedDateTime now = ZonedDateTime.ofLocal(local, ZoneId.of(change[0]), null);
                taken += compare(phrases.get(i++ % phrases.size()), now, differences);
            }
        }
        assertThat(differences).isEmpty();
        assertThat(taken).as("every one of these the fast path answers itself").isEqualTo(6 * 96);
    }

    private static String dayAndTime(String shape, String day, String time) {
        String at = shape.contains("at %t") && time.startsWith("at ") ? time.substring(3) : time;
        return shape.replace("%d", day).replace("%t", at);
    }

    private static String ordinal(int n) {
        if (n >= 11 && n <= 13) {
            return "th";
        }
        return switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    /** Reads each phrase at {@code tries} reference moments spread over all of {@link #nows()}. */
    private static void assertSameAnswers(List<String> phrases, int tries) {
        List<ZonedDateTime> nows = nows();
        List<String> differences = new ArrayList<>();
        int taken = 0;
        for (int i = 0; i < phrases.size(); i++) {
            for (int k = 0; k < tries; k++) {
                // Strides that share no factor with the number of moments, so each phrase meets
                // different hours, weekdays and zones.
                ZonedDateTime now = nows.get(Math.floorMod(i * 7919L + k * 1_009L * 31, nows.size()));
                taken += compare(phrases.get(i), now, differences);
            }
        }
        assertThat(differences).isEmpty();
        assertThat(taken).as("readings the fast path answered itself (measured: 94-97%)")
                .isGreaterThanOrEqualTo(phrases.size() * tries * 9 / 10);
    }

    /**
     * 1 if the fast path answered the phrase with a date (adding any difference from prettytime to
     * {@code differences}), else 0. Both refusing the phrase (the same exception) is agreement but
     * not a phrase taken: a fast path that throws for everything must not count as fast.
     */
    private static int compare(String phrase, ZonedDateTime now, List<String> differences) {
        Optional<String> fast = outcome(() -> DueDates.readFast(phrase, now));
        if (fast.isEmpty()) {
            return 0;
        }
        String slow = outcome(() -> Optional.of(DueDates.readSlow(phrase, now))).orElseThrow();
        if (!slow.equals(fast.get())) {
            differences.add("“" + phrase + "” at " + now + " (" + now.getDayOfWeek() + "): fast " + fast.get()
                    + ", prettytime " + slow);
        }
        return fast.get().startsWith("threw ") ? 0 : 1;
    }

    /** The answer, or the exception (DueDates.parse turns either reader's exception into the same refusal). */
    private static Optional<String> outcome(Supplier<Optional<Parsed>> read) {
        try {
            return read.get().map(Parsed::toString);
        } catch (RuntimeException e) {
            return Optional.of("threw " + e.getClass().getName());
        }
    }
}
