package io.taskbridge.recurring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The date rule of recurring tasks: wall-clock times kept across daylight saving changes, in the creator's zone. */
class RecurrenceTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static List<Instant> series(Recurrence rule, ZonedDateTime first, int n) {
        Recurrence anchored = rule.anchoredTo(first);
        List<Instant> out = new ArrayList<>();
        ZonedDateTime at = first;
        for (int i = 0; i < n; i++) {
            out.add(at.toInstant());
            at = anchored.next(at);
        }
        return out;
    }

    @Test
    void aWeeklySeriesKeepsNineOClockInBerlinAcrossBothChanges() {
        Recurrence monday9 = Recurrence.weekly(1, Set.of(DayOfWeek.MONDAY)).at(LocalTime.of(9, 0));
        ZonedDateTime march = monday9.first(ZonedDateTime.of(2027, 3, 17, 13, 0, 0, 0, BERLIN));
        assertThat(series(monday9, march, 3)).containsExactly(Instant.parse("2027-03-22T08:00:00Z"),
                Instant.parse("2027-03-29T07:00:00Z"), Instant.parse("2027-04-05T07:00:00Z"));
        ZonedDateTime october = monday9.first(ZonedDateTime.of(2027, 10, 20, 13, 0, 0, 0, BERLIN));
        assertThat(series(monday9, october, 2)).containsExactly(Instant.parse("2027-10-25T07:00:00Z"),
                Instant.parse("2027-11-01T08:00:00Z"));
    }

    @Test
    void weekdaysSkipTheWeekendAndDailySeriesCrossTheChangeToo() {
        Recurrence weekdays = Recurrence.weekly(1, Recurrence.WEEKDAYS).at(LocalTime.of(9, 30));
        ZonedDateTime friday = ZonedDateTime.of(2027, 3, 26, 9, 30, 0, 0, BERLIN);
        assertThat(weekdays.anchoredTo(friday).next(friday)).isEqualTo(ZonedDateTime.of(2027, 3, 29, 9, 30, 0, 0, BERLIN));
        Recurrence daily = Recurrence.daily(1).at(LocalTime.of(9, 0));
        ZonedDateTime saturday = ZonedDateTime.of(2027, 3, 27, 9, 0, 0, 0, BERLIN);
        ZonedDateTime sunday = daily.next(saturday);
        assertThat(Duration.between(saturday, sunday)).isEqualTo(Duration.ofHours(23)); // the clock went forward
        assertThat(sunday.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
    }

    @Test
    void everyTwoWeeksKeepsItsWeekdayAndMonthlyClampsToTheMonthsEnd() {
        ZonedDateTime wednesday = ZonedDateTime.of(2027, 1, 6, 17, 0, 0, 0, BERLIN);
        assertThat(series(Recurrence.weekly(2, Set.of()), wednesday, 3)).containsExactly(wednesday.toInstant(),
                wednesday.plusWeeks(2).toInstant(), wednesday.plusWeeks(4).toInstant());
        ZonedDateTime jan31 = ZonedDateTime.of(2027, 1, 31, 9, 0, 0, 0, BERLIN);
        assertThat(series(Recurrence.monthly(1, Optional.of(31)), jan31, 4)).extracting(i -> i.atZone(BERLIN).toLocalDate()
                .toString()).containsExactly("2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30");
        Recurrence first = Recurrence.monthly(1, Optional.of(1)).at(LocalTime.of(9, 0));
        assertThat(first.first(ZonedDateTime.of(2027, 5, 1, 10, 0, 0, 0, BERLIN)))
                .isEqualTo(ZonedDateTime.of(2027, 6, 1, 9, 0, 0, 0, BERLIN));
    }

    @Test
    void aTimeInTheSpringGapMovesForwardByTheGap() {
        Recurrence at0230 = Recurrence.daily(1).at(LocalTime.of(2, 30));
        ZonedDateTime saturday = ZonedDateTime.of(2027, 3, 27, 2, 30, 0, 0, BERLIN);
        assertThat(at0230.next(saturday).toLocalDateTime()).isEqualTo(LocalDateTime.of(2027, 3, 28, 3, 30));
        assertThat(at0230.next(at0230.next(saturday)).toLocalDateTime()).isEqualTo(LocalDateTime.of(2027, 3, 29, 2, 30));
    }

    @Test
    void theStoredFormReadsBackAndTheWordsSayIt() {
        Recurrence r = Recurrence.weekly(2, EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)).at(LocalTime.of(9, 30));
        assertThat(r.spec()).isEqualTo("WEEK/2/MON,FRI/-/09:30");
        assertThat(Recurrence.parse(r.spec())).isEqualTo(r);
        assertThat(r.describe()).isEqualTo("every 2 weeks on Monday, Friday at 09:30");
        assertThat(Recurrence.weekly(1, Recurrence.WEEKDAYS).describe()).isEqualTo("every weekday");
        assertThat(Recurrence.monthly(1, Optional.of(1)).at(LocalTime.of(9, 0)).describe())
                .isEqualTo("every month on the 1st at 09:00");
        assertThat(Recurrence.ordinal(22)).isEqualTo("22nd");
        assertThat(Recurrence.ordinal(13)).isEqualTo("13th");
    }

    /** For any weekly rule and start: the next is later, on a chosen weekday, at the chosen wall-clock time. */
    @Property(tries = 300)
    void weeklyOccurrencesLandOnTheirDayAndTime(@ForAll("days") Set<DayOfWeek> days, @ForAll @IntRange(min = 1, max = 4) int every,
                                               @ForAll @IntRange(min = 0, max = 23) int hour,
                                               @ForAll @IntRange(min = 0, max = 3000) int dayOffset,
                                               @ForAll("zones") String zone) {
        Recurrence rule = Recurrence.weekly(every, days).at(LocalTime.of(hour, 15));
        ZonedDateTime now = ZonedDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneId.of(zone)).plusDays(dayOffset);
        ZonedDateTime at = rule.first(now);
        assertThat(at).isAfter(now);
        for (int i = 0; i < 10; i++) {
            ZonedDateTime next = rule.next(at);
            assertThat(next).isAfter(at);
            assertThat(days).contains(next.getDayOfWeek());
            assertThat(Duration.between(at, next)).isLessThanOrEqualTo(Duration.ofDays(7L * every + 1));
            // The chosen time, unless that time does not exist that day (a spring gap).
            if (!next.getZone().getRules().getValidOffsets(LocalDateTime.of(next.toLocalDate(), LocalTime.of(hour, 15))).isEmpty()) {
                assertThat(next.toLocalTime()).isEqualTo(LocalTime.of(hour, 15));
            }
            at = next;
        }
        assertThat(Recurrence.parse(rule.spec())).isEqualTo(rule);
    }

    @Provide
    Arbitrary<Set<DayOfWeek>> days() {
        return Arbitraries.of(DayOfWeek.class).set().ofMinSize(1).ofMaxSize(7);
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of("Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Tokyo", "UTC");
    }
}
