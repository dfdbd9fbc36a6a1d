package io.taskbridge.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.command.CommandParser;
import io.taskbridge.command.DueDates;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** The /task grammar and the due-date reader take any text: an answer always, never an exception. */
class GrammarFuzzTest {

    @Provide
    Arbitrary<String> commandText() {
        return Inputs.commandText();
    }

    @Provide
    Arbitrary<String> duePhrase() {
        return Inputs.duePhrase();
    }

    @Provide
    Arbitrary<ZoneId> zone() {
        return Inputs.zone();
    }

    @Property
    void theGrammarAnswersEverything(@ForAll("commandText") String text) {
        CommandParser.Parse parse = CommandParser.parse(text);
        if (parse instanceof CommandParser.Parse.Invalid invalid) {
            assertThat(invalid.problem()).isNotBlank();
            assertThat(invalid.usage()).isNotBlank();
        } else {
            assertThat(((CommandParser.Parse.Ok) parse).command()).isNotNull();
        }
    }

    @Property
    void anyTextAtAllIsAnswered(@ForAll String text) {
        assertThat(CommandParser.parse(text)).isNotNull();
    }

    @Property
    void theDueDateReaderAnswersEverything(@ForAll("duePhrase") String phrase, @ForAll("zone") ZoneId zone,
                                           @ForAll @LongRange(min = 0, max = 4_102_444_800L) long epochSecond) {
        ZonedDateTime now = Instant.ofEpochSecond(epochSecond).atZone(zone);
        DueDates.Parsed parsed = DueDates.parse(phrase, now);
        if (parsed instanceof DueDates.Parsed.At at) {
            assertThat(at.when()).isAfter(now); // (a year past 9999 is refused by TaskRules, which every entry point runs)
        } else {
            assertThat(((DueDates.Parsed.Unreadable) parsed).problem()).isNotBlank();
        }
    }
}
