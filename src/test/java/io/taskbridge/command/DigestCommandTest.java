package io.taskbridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestCommandTest {

    static Command ok(String text) {
        CommandParser.Parse p = CommandParser.parse(text);
        assertThat(p).isInstanceOf(CommandParser.Parse.Ok.class);
        return ((CommandParser.Parse.Ok) p).command();
    }

    static CommandParser.Parse.Invalid invalid(String text) {
        CommandParser.Parse p = CommandParser.parse(text);
        assertThat(p).isInstanceOf(CommandParser.Parse.Invalid.class);
        return (CommandParser.Parse.Invalid) p;
    }

    @Test
    void aTimeAndAZoneOrJustATimeOrOff() {
        assertThat(ok("digest 9:00 Europe/Berlin"))
                .isEqualTo(new Command.Digest(Optional.of(LocalTime.of(9, 0)), Optional.of(ZoneId.of("Europe/Berlin"))));
        assertThat(ok("DIGEST 17:30")).isEqualTo(new Command.Digest(Optional.of(LocalTime.of(17, 30)), Optional.empty()));
        assertThat(ok("digest off")).isEqualTo(Command.Digest.off());
        assertThat(((Command.Digest) ok("digest off")).isOff()).isTrue();
    }

    @Test
    void mistakesAreExplainedWithTheUsageLine() {
        assertThat(invalid("digest").problem()).contains("/task digest 9:00 Europe/Berlin");
        assertThat(invalid("digest 25:00").problem()).contains("not a time of day");
        assertThat(invalid("digest 9am").problem()).contains("not a time of day");
        assertThat(invalid("digest 9:00 Mars/Olympus").problem()).contains("not a time zone I know");
        assertThat(invalid("digest 9:00 UTC please").usage()).isEqualTo(Usage.DIGEST);
        assertThat(invalid("digest off now").usage()).isEqualTo(Usage.DIGEST);
        assertThat(invalid("digst 9:00").problem()).contains("/task digest");
    }

    @Test
    void helpMentionsTheDigest() {
        assertThat(Usage.HELP_TEXT).contains("/task digest 9:00 Europe/Berlin");
    }
}
