package io.taskbridge.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void oneInstantIsQuietInOneZoneAndNotInAnother() {
        Instant t = Instant.parse("2026-11-23T14:30:00Z"); // 15:30 Berlin, 23:30 Tokyo, 09:30 New York
        assertThat(QuietHours.DEFAULT.until(t, BERLIN)).isEmpty();
        assertThat(QuietHours.DEFAULT.until(t, TOKYO)).contains(Instant.parse("2026-11-23T23:00:00Z")); // 08:00 Tokyo next day
        assertThat(QuietHours.DEFAULT.until(t, NEW_YORK)).isEmpty();
    }

    @Test
    void afterMidnightTheQuietEndsTheSameMorning() {
        Instant t = Instant.parse("2026-11-23T05:00:00Z"); // 06:00 Berlin
        assertThat(QuietHours.DEFAULT.until(t, BERLIN)).contains(Instant.parse("2026-11-23T07:00:00Z"));
        assertThat(QuietHours.DEFAULT.until(Instant.parse("2026-11-23T07:00:00Z"), BERLIN)).as("08:00 is awake").isEmpty();
        assertThat(QuietHours.DEFAULT.until(Instant.parse("2026-11-23T21:00:00Z"), BERLIN)).as("22:00 is quiet")
                .contains(Instant.parse("2026-11-24T07:00:00Z"));
    }

    @Test
    void aDaytimeWindowAndOffAndBadText() {
        QuietHours lunch = QuietHours.parse("12:00-13:00");
        assertThat(lunch.until(Instant.parse("2026-11-23T12:30:00Z"), ZoneId.of("UTC")))
                .contains(Instant.parse("2026-11-23T13:00:00Z"));
        assertThat(lunch.until(Instant.parse("2026-11-23T13:30:00Z"), ZoneId.of("UTC"))).isEmpty();
        assertThat(QuietHours.parse("off").until(Instant.parse("2026-11-23T23:30:00Z"), BERLIN)).isEmpty();
        assertThat(QuietHours.parse("9:00-8:00")).isEqualTo(new QuietHours(LocalTime.of(9, 0), LocalTime.of(8, 0)));
        assertThatThrownBy(() -> QuietHours.parse("late")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDigestTimeSkippedByDaylightSavingMovesForward() {
        // 2026-03-29 02:30 does not exist in Berlin; the next digest after 01:00 that day is 03:30 CEST.
        Instant next = Digests.next(LocalTime.of(2, 30), BERLIN, Instant.parse("2026-03-29T00:00:00Z"));
        assertThat(next).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }
}
