package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlackTextTest {
    @Test
    void escapesTheThreeControlCharactersAndNothingElse() {
        assertThat(SlackText.escape("<!channel> & <@U1> *bold* _it_ \"q\" 'a'"))
                .isEqualTo("&lt;!channel&gt; &amp; &lt;@U1&gt; *bold* _it_ \"q\" 'a'");
    }

    @Test
    void cutsWithoutBreakingAnEntityOrASurrogatePair() {
        assertThat(SlackText.escape("abc&", 7)).isEqualTo("abc…");
        assertThat(SlackText.escape("abc&", 8)).isEqualTo("abc&amp;");
        assertThat(SlackText.escape("ab😀cd", 4)).isEqualTo("ab…");
        assertThat(SlackText.escape("ab😀cd", 5)).isEqualTo("ab😀…");
        assertThat(SlackText.escape("abcde", 5)).isEqualTo("abcde");
    }

    @Test
    void mentionsOnlyRealUserIds() {
        assertThat(SlackText.person(Optional.of("U123ABC"))).isEqualTo("<@U123ABC>");
        assertThat(SlackText.person(Optional.of("W0GRID1"))).isEqualTo("<@W0GRID1>");
        assertThat(SlackText.person(Optional.of("U1>|<!channel"))).isEqualTo("U1&gt;|&lt;!channel");
        assertThat(SlackText.person(Optional.empty())).isEqualTo("Unassigned");
    }

    @Test
    void datesAreTokensWithAnIsoUtcFallback() {
        assertThat(SlackDates.token(Instant.parse("2026-03-29T01:30:00.750Z")))
                .isEqualTo("<!date^1774747800^{date_short_pretty} at {time}|2026-03-29T01:30:00Z>");
        assertThat(SlackDates.plain(Instant.parse("2026-03-29T01:30:00Z"), ZoneId.of("Europe/Berlin")))
                .isEqualTo("Sun 29 Mar 2026, 3:30 AM CEST");
    }

    @Test
    void offsetsReadAsHoursMinutesOrDays() {
        assertThat(SlackDates.offset(Duration.ofHours(24))).isEqualTo("24 h");
        assertThat(SlackDates.offset(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
        assertThat(SlackDates.offset(Duration.ofMinutes(45))).isEqualTo("45 min");
        assertThat(SlackDates.offset(Duration.ofDays(3))).isEqualTo("3 days");
        assertThat(SlackDates.offset(Duration.ofHours(36))).isEqualTo("36 h");
    }
}
