package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.slash_commands.SlashCommandPayloadDetector;
import com.slack.api.app_backend.slash_commands.SlashCommandPayloadParser;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.util.JsonPayloadExtractor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link CommandForm} reads a form as Bolt 1.51 does: a command exactly when Bolt's parser would
 * make a slash command of it (no interaction {@code payload}, a {@code command} pair, nothing it
 * fails to decode), with the same fields. Forms are generated from Slack's field names and from
 * stray keys, with values encoded, raw, or broken: spaces, {@code +}, {@code =}, {@code &},
 * newlines, bad {@code %} escapes, repeated fields.
 */
class CommandFormTest {
    private static final List<String> KEYS = List.of("token", "team_id", "team_domain", "enterprise_id",
            "enterprise_name", "api_app_id", "channel_id", "channel_name", "user_id", "user_name", "command",
            "text", "response_url", "trigger_id", "is_enterprise_install", "payload", " command", "comm\nand",
            "command%0A", "Command", "other");

    @Property(tries = 3000)
    void aCommandExactlyWhenBoltMakesOneWithTheSameFields(@ForAll("forms") String body) {
        Assume.that(!body.strip().startsWith("{") && !body.strip().startsWith("["));

        SlashCommandPayload bolt = bolt(body);
        Statistics.collect(bolt != null ? "a command" : "not one");

        assertThat(CommandForm.read(body)).as(body).isEqualTo(Optional.ofNullable(bolt));
        Statistics.coverage(c -> c.check("a command").percentage(p -> p > 15));
    }

    @Example
    void slacksOwnFormIsACommand() {
        String body = "token=t&team_id=T1&team_domain=acme&channel_id=C1&channel_name=ops&user_id=U1&user_name=ann"
                + "&command=%2Ftask&text=add+Ship+it+due+friday+5pm&api_app_id=A1&is_enterprise_install=false"
                + "&response_url=https%3A%2F%2Fhooks.slack.test%2Fc%2F1&trigger_id=1.2.3";

        SlashCommandPayload read = CommandForm.read(body).orElseThrow();

        assertThat(read).isEqualTo(bolt(body));
        assertThat(read.getText()).isEqualTo("add Ship it due friday 5pm");
        assertThat(read.getCommand()).isEqualTo("/task");
    }

    @Example
    void notACommandWhenBoltReadsItOtherwise() {
        assertThat(CommandForm.read("payload=%7B%7D&command=%2Ftask")).isEmpty();
        assertThat(CommandForm.read("ssl_check=1&token=t")).isEmpty();
        assertThat(CommandForm.read("command=&text=x")).as("an empty command is no pair to Bolt").isEmpty();
        assertThat(CommandForm.read("command=%2Ftask&text=%ZZ")).as("undecodable: Bolt's parser answers").isEmpty();
    }

    /** What Bolt's parser makes of the body: the command's payload, or null when it is no command or fails. */
    private static SlashCommandPayload bolt(String body) {
        try {
            boolean command = new JsonPayloadExtractor().extractIfExists(body) == null
                    && new SlashCommandPayloadDetector().isCommand(body);
            return command ? new SlashCommandPayloadParser().parse(body) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Provide
    Arbitrary<String> forms() {
        Arbitrary<String> raw = Arbitraries.strings().withChars("aZ09 +=&%\n\t/_-.ü").ofMaxLength(12);
        Arbitrary<String> encoded = Arbitraries.strings().withChars("aZ09 +=&%\n/_-.ü#\"{}").ofMaxLength(16)
                .map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8));
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(6, encoded), Tuple.of(2, raw),
                Tuple.of(1, Arbitraries.of("true", " TRUE ", "false", "%2Ftask", "%ZZ", "%")));
        Arbitrary<String> key = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(KEYS)), Tuple.of(1, raw));
        Arbitrary<String> equals = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("=")),
                Tuple.of(1, Arbitraries.just("")), Tuple.of(1, Arbitraries.just("==")));
        Arbitrary<String> pair = Combinators.combine(key, value, equals).as((k, v, eq) -> k + eq + v);
        Arbitrary<String> command = encoded.map(v -> "command=" + v);
        return Combinators.combine(pair.list().ofMaxSize(8), command, Arbitraries.integers().between(0, 8),
                        Arbitraries.of(true, false), Arbitraries.of("&", "&", "&&"))
                .as((pairs, cmd, at, withCommand, sep) -> {
                    List<String> all = new ArrayList<>(pairs);
                    if (withCommand) {
                        all.add(Math.min(at, all.size()), cmd);
                    }
                    return String.join(sep, all);
                });
    }
}
