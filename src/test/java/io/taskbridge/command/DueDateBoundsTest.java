package io.taskbridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Words a reader would guess at are refused with the reason: an am/pm hour past 12, a year outside 1970-9999. */
class DueDateBoundsTest {
    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneId.of("Europe/Berlin"));

    @ParameterizedTest
    @ValueSource(strings = {"13pm", "tomorrow 13pm", "13am", "0pm", "friday 13:30pm", "2026-12-05 13 pm"})
    void anAmPmHourOutsideOneToTwelveIsRefused(String phrase) {
        DueDates.Parsed p = DueDates.parse(phrase, NOW);
        assertThat(p).isInstanceOf(DueDates.Parsed.Unreadable.class);
        assertThat(((DueDates.Parsed.Unreadable) p).problem()).contains("with am or pm the hour is 1 to 12");
    }

    @Test
    void twelvePmIsStillNoon() {
        assertThat(DueDates.parse("tomorrow 12pm", NOW)).isEqualTo(new DueDates.Parsed.At(NOW.plusDays(1).withHour(12)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-01-01", "0001-01-01", "1969-12-31", "10000-01-01", "+10000-01-01", "999999999-12-31"})
    void aYearOutsideTheRangeIsNamedAsTyped(String phrase) {
        DueDates.Parsed p = DueDates.parse(phrase, NOW);
        assertThat(p).isInstanceOf(DueDates.Parsed.Unreadable.class);
        String problem = ((DueDates.Parsed.Unreadable) p).problem();
        String year = phrase.replace("+", "").substring(0, phrase.replace("+", "").indexOf('-')).replaceFirst("^0+(?=\\d)", "");
        assertThat(problem).contains("in the year " + year + ":").contains("1970 to 9999").doesNotContain("2000");
    }

    @Test
    void theLastYearIsFine() {
        assertThat(DueDates.parse("9999-12-31", NOW)).isInstanceOf(DueDates.Parsed.At.class);
    }
}
