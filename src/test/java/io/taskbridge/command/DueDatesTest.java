package io.taskbridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.command.DueDates.Parsed;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DueDatesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Saturday; Berlin clocks jump from 02:00 to 03:00 the next night (CET +01:00 to CEST +02:00). */
    private static final ZonedDateTime BERLIN_SAT = at("2026-03-28T10:00", BERLIN);

    /** Saturday; New York clocks fall back from 02:00 to 01:00 the next night (EDT -04:00 to EST -05:00). */
    private static final ZonedDateTime NY_SAT = at("2026-10-31T12:00", NEW_YORK);

    private static ZonedDateTime at(String local, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(local), zone);
    }

    private static ZonedDateTime when(String phrase, ZonedDateTime now) {
        Parsed parsed = DueDates.parse(phrase, now);
        assertThat(parsed).as(phrase).isInstanceOf(Parsed.At.class);
        return ((Parsed.At) parsed).when();
    }

    private static String problem(String phrase, ZonedDateTime now) {
        Parsed parsed = DueDates.parse(phrase, now);
        assertThat(parsed).as(phrase).isInstanceOf(Parsed.Unreadable.class);
        return ((Parsed.Unreadable) parsed).problem();
    }

    @ParameterizedTest(name = "Berlin Sat 10:00: {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            tomorrow 5pm        | 2026-03-29T17:00+02:00
            tomorrow 9am        | 2026-03-29T09:00+02:00
            Tomorrow 9AM        | 2026-03-29T09:00+02:00
            tomorrow at 9       | 2026-03-29T09:00+02:00
            noon tomorrow       | 2026-03-29T12:00+02:00
            tomorrow            | 2026-03-29T17:00+02:00
            tomorrow 2:30am     | 2026-03-29T03:30+02:00
            in 3 days           | 2026-03-31T17:00+02:00
            in three days       | 2026-03-31T17:00+02:00
            in 1 day            | 2026-03-29T17:00+02:00
            in 2 hours          | 2026-03-28T12:00+01:00
            in an hour          | 2026-03-28T11:00+01:00
            in 45 minutes       | 2026-03-28T10:45+01:00
            in 24 hours         | 2026-03-29T11:00+02:00
            next monday 9am     | 2026-03-30T09:00+02:00
            monday              | 2026-03-30T17:00+02:00
            friday 5pm          | 2026-04-03T17:00+02:00
            by friday           | 2026-04-03T17:00+02:00
            saturday            | 2026-04-04T17:00+02:00
            next week           | 2026-04-04T17:00+02:00
            next month          | 2026-04-28T17:00+02:00
            2026-12-01          | 2026-12-01T17:00+01:00
            2026-12-01 17:00    | 2026-12-01T17:00+01:00
            Dec 1 17:00         | 2026-12-01T17:00+01:00
            dec 1st 5pm         | 2026-12-01T17:00+01:00
            1 Dec               | 2026-12-01T17:00+01:00
            jan 5 2027          | 2027-01-05T17:00+01:00
            12/25               | 2026-12-25T17:00+01:00
            25/12               | 2026-12-25T17:00+01:00
            4/4                 | 2026-04-04T17:00+02:00
            eod                 | 2026-03-28T17:00+01:00
            end of day          | 2026-03-28T17:00+01:00
            today               | 2026-03-28T17:00+01:00
            eow                 | 2026-04-03T17:00+02:00
            today 17:30         | 2026-03-28T17:30+01:00
            tonight             | 2026-03-28T20:00+01:00
            5pm                 | 2026-03-28T17:00+01:00
            9am                 | 2026-03-29T09:00+02:00
            '  friday\u00A0 5pm '  | 2026-04-03T17:00+02:00
            """)
    void readsPhrasesInBerlinAcrossTheSpringForward(String phrase, String expected) {
        String typed = phrase.replace("\\u00A0", "\u00A0");
        ZonedDateTime when = when(typed, BERLIN_SAT);
        assertThat(when.toOffsetDateTime()).isEqualTo(java.time.OffsetDateTime.parse(expected));
        assertThat(when.getZone()).isEqualTo(BERLIN);
    }

    @ParameterizedTest(name = "New York Sat 12:00: {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            tomorrow 9am        | 2026-11-01T09:00-05:00
            tomorrow            | 2026-11-01T17:00-05:00
            tomorrow 1:30am     | 2026-11-01T01:30-04:00
            in 24 hours         | 2026-11-01T11:00-05:00
            monday 9am          | 2026-11-02T09:00-05:00
            11am                | 2026-11-01T11:00-05:00
            eow                 | 2026-11-06T17:00-05:00
            """)
    void readsPhrasesInNewYorkAcrossTheFallBack(String phrase, String expected) {
        ZonedDateTime when = when(phrase, NY_SAT);
        assertThat(when.toOffsetDateTime()).isEqualTo(java.time.OffsetDateTime.parse(expected));
        assertThat(when.getZone()).isEqualTo(NEW_YORK);
    }

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            eod         | 2026-04-03T18:00 | 2026-04-03T23:59
            today       | 2026-04-03T18:00 | 2026-04-03T23:59
            eow         | 2026-04-03T18:00 | 2026-04-03T23:59
            eow         | 2026-04-03T10:00 | 2026-04-03T17:00
            eow         | 2026-04-01T10:00 | 2026-04-03T17:00
            eow         | 2026-04-05T10:00 | 2026-04-10T17:00
            5pm         | 2026-04-03T18:00 | 2026-04-04T17:00
            friday      | 2026-04-03T10:00 | 2026-04-10T17:00
            friday 5pm  | 2026-04-03T10:00 | 2026-04-10T17:00
            friday      | 2026-04-03T18:00 | 2026-04-10T17:00
            next friday | 2026-04-08T10:00 | 2026-04-10T17:00
            next friday | 2026-04-10T10:00 | 2026-04-17T17:00
            next monday | 2026-04-05T10:00 | 2026-04-06T17:00
            next saturday 9am | 2026-04-05T10:00 | 2026-04-11T09:00
            """)
    void appliesTheEndOfDayWeekAndWeekdayRules(String phrase, String now, String expected) {
        assertThat(when(phrase, at(now, BERLIN)).toLocalDateTime()).isEqualTo(LocalDateTime.parse(expected));
    }

    @Test
    void storesTheRightInstantAcrossDaylightSavingChanges() {
        assertThat(when("tomorrow 9am", BERLIN_SAT).toInstant()).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
        assertThat(when("tomorrow 9am", NY_SAT).toInstant()).isEqualTo(Instant.parse("2026-11-01T14:00:00Z"));
        assertThat(when("in 24 hours", BERLIN_SAT).toInstant()).isEqualTo(Instant.parse("2026-03-29T09:00:00Z"));
        assertThat(when("tomorrow 2:30am", BERLIN_SAT).toInstant()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(when("tomorrow 1:30am", NY_SAT).toInstant()).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
    }

    @Test
    void theSameWordsMeanTheSameWallClockTimeInEveryZone() {
        ZonedDateTime tokyo = at("2026-03-28T10:00", ZoneId.of("Asia/Tokyo"));
        ZonedDateTime auckland = at("2026-03-28T10:00", ZoneId.of("Pacific/Auckland"));
        assertThat(when("tomorrow 9am", tokyo).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-29T09:00"));
        assertThat(when("tomorrow 9am", auckland).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-29T09:00"));
        assertThat(when("tomorrow 9am", tokyo).toInstant()).isEqualTo(Instant.parse("2026-03-29T00:00:00Z"));
    }

    @Test
    void relativeAmountsCountFromNowToTheMinute() {
        ZonedDateTime now = BERLIN_SAT.plusSeconds(42).plusNanos(5);
        assertThat(when("in 45 minutes", now)).isEqualTo(at("2026-03-28T10:45", BERLIN));
    }

    @ParameterizedTest(name = "{0} -> Unreadable mentioning {1}")
    @CsvSource(delimiter = '|', textBlock = """
            frydai              | Couldn't read a due date from “frydai”
            frydai              | Try: due friday 5pm, due tomorrow, due 2026-05-01 17:00.
            friday blah         | “blah”
            tomorrow 25:00      | “25:00”
            in 2 days at 9am    | “9am”
            friday 5pm CET      | “cet”
            yesterday           | in the past
            today 9am           | in the past
            jan 5               | in the past
            friday or monday    | more than one date
            feb 30              | not a day in the calendar
            2027-02-30          | “2027-02-30” is not a day in the calendar
            2027-02-29 5pm      | not a day in the calendar
            2027-04-31          | not a day in the calendar
            12/1                | month first or day first
            12/1                | due 1 Dec
            13/13               | Couldn't read a due date from “13/13”
            31/4                | Couldn't read a due date from “31/4”
            '   '               | No due date given
            """)
    void refusesWhatItCannotReadWithAHelpfulProblem(String phrase, String expected) {
        assertThat(problem(phrase, BERLIN_SAT)).contains(expected);
    }

    @Test
    void neverThrowsOnOddInput() {
        assertThat(DueDates.parse(null, BERLIN_SAT)).isInstanceOf(Parsed.Unreadable.class);
        assertThat(DueDates.parse("x".repeat(10_000), BERLIN_SAT))
                .isEqualTo(new Parsed.Unreadable("That due date is too long to be one date (10000 characters). "
                        + "Try: due friday 5pm, due tomorrow, due 2026-05-01 17:00."));
        assertThat(DueDates.parse("!@#$%^&*()", BERLIN_SAT)).isInstanceOf(Parsed.Unreadable.class);
    }

    @Test
    void leavesTheJvmDefaultZoneAlone() {
        TimeZone before = TimeZone.getDefault();
        when("tomorrow 9am", NY_SAT);
        assertThat(TimeZone.getDefault()).isEqualTo(before);
    }

    @Test
    void isSafeForConcurrentUse() throws Exception {
        List<String> phrases = List.of("tomorrow 9am", "friday 5pm", "in 3 days", "eod", "next monday 9am", "12/25");
        List<ZonedDateTime> nows = List.of(BERLIN_SAT, NY_SAT, at("2026-06-15T08:30", ZoneId.of("Asia/Kolkata")));
        List<Parsed> expected = new ArrayList<>();
        for (ZonedDateTime now : nows) {
            for (String phrase : phrases) {
                expected.add(DueDates.parse(phrase, now));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Parsed>>> runs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                runs.add(pool.submit(() -> {
                    List<Parsed> got = new ArrayList<>();
                    for (ZonedDateTime now : nows) {
                        for (String phrase : phrases) {
                            got.add(DueDates.parse(phrase, now));
                        }
                    }
                    return got;
                }));
            }
            for (Future<List<Parsed>> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
