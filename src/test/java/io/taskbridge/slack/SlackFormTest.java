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
 * {@link SlackForm} reads a form as Bolt 1.51 does: it finds the interaction {@code payload} Bolt's
 * extractor finds, and makes a command exactly when Bolt's parser would make a slash command of the
 * form, with the same fields; so {@link SlackShapes#read} hands Bolt a click or a command only where
 * Bolt itself reads one. Forms are generated from Slack's field names and from stray keys, with
 * values encoded, raw or broken: spaces, {@code +}, {@code =}, {@code &}, newlines, bad {@code %}
 * escapes, repeated fields, click payloads with and without a raw {@code =}.
 */
class SlackFormTest {
    private static final List<String> KEYS = List.of("token", "team_id", "team_domain", "enterprise_id",
            "enterprise_name", "api_app_id", "channel_id", "channel_name", "user_id", "user_name", "command",
            "text", "response_url", "trigger_id", "is_enterprise_install", "payload", " payload", "pay\nload",
            " command", "comm\nand", "command%0A", "Command", "other");
    private static final String CLICK = "{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"actions\":[{\"value\":\"a=b\"}]}";

    @Property(tries = 3000)
    void readsEveryFormAsBoltDoes(@ForAll("forms") String body) {
        Assume.that(!body.strip().startsWith("{") && !body.strip().startsWith("["));
        SlashCommandPayload command = boltCommand(body);
        Bolt<String> payload = boltPayload(body);
        Statistics.collect(command != null ? "a command" : payload.value() != null ? "a payload" : "neither");

        Optional<SlackForm> form = SlackForm.read(body);
        assertThat(form.flatMap(SlackForm::command)).as(body).isEqualTo(Optional.ofNullable(command));
        if (form.isPresent()) {
            assertThat(payload.failed()).as("Bolt decodes what we decode: " + body).isFalse();
            assertThat(form.get().first("payload")).as(body).isEqualTo(Optional.ofNullable(payload.value()));
        }
        if (payload.failed()) {
            assertThat(form).as("what Bolt fails to decode is left to Bolt: " + body).isEmpty();
        }
        SlackShapes.Verdict verdict = SlackShapes.read(body);
        if (verdict instanceof SlackShapes.Verdict.Command c) {
            assertThat(c.payload()).isEqualTo(command).isNotNull();
        }
        if (verdict instanceof SlackShapes.Verdict.BlockActions b) {
            assertThat(b.payload()).isEqualTo(payload.value());
        }
        Statistics.coverage(c -> {
            c.check("a command").percentage(p -> p > 15);
            c.check("a payload").percentage(p -> p > 5);
        });
    }

    @Example
    void slacksOwnFormIsACommand() {
        String body = "token=t&team_id=T1&team_domain=acme&channel_id=C1&channel_name=ops&user_id=U1&user_name=ann"
                + "&command=%2Ftask&text=add+Ship+it+due+friday+5pm&api_app_id=A1&is_enterprise_install=false"
                + "&response_url=https%3A%2F%2Fhooks.slack.test%2Fc%2F1&trigger_id=1.2.3";

        SlashCommandPayload read = SlackForm.read(body).flatMap(SlackForm::command).orElseThrow();

        assertThat(read).isEqualTo(boltCommand(body));
        assertThat(read.getText()).isEqualTo("add Ship it due friday 5pm");
        assertThat(read.getCommand()).isEqualTo("/task");
    }

    @Example
    void neitherWhereBoltReadsItOtherwise() {
        assertThat(SlackForm.read("payload=%7B%7D&command=%2Ftask").flatMap(SlackForm::command)).isEmpty();
        assertThat(SlackForm.read("ssl_check=1&token=t").flatMap(SlackForm::command)).isEmpty();
        assertThat(SlackForm.read("command=&text=x").flatMap(SlackForm::command)).as("an empty command is no pair to Bolt").isEmpty();
        assertThat(SlackForm.read("command=%2Ftask&text=%ZZ")).as("undecodable: Bolt's parser answers").isEmpty();
        assertThat(SlackShapes.read("payload=" + CLICK.replace("\"", "%22")))
                .as("a raw '=' in the payload: no pair to Bolt, so no click").isInstanceOf(SlackShapes.Verdict.Ignore.class);
        assertThat(SlackShapes.read("%zz=1&payload=" + URLEncoder.encode(CLICK, StandardCharsets.UTF_8)))
                .as("a key Bolt fails to decode: no click").isNotInstanceOf(SlackShapes.Verdict.BlockActions.class);
    }

    /** What Bolt gave, or that it threw. */
    private record Bolt<T>(T value, boolean failed) {}

    private static Bolt<String> boltPayload(String body) {
        try {
            return new Bolt<>(new JsonPayloadExtractor().extractIfExists(body), false);
        } catch (RuntimeException e) {
            return new Bolt<>(null, true);
        }
    }

    /** What Bolt's parser makes of the body: the command's payload, or null when it is no command or fails. */
    private static SlashCommandPayload boltCommand(String body) {
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
        Arbitrary<String> raw = Arbitraries.strings().withChars("aZ09 +=&%\n\t/_-.\u00fc").ofMaxLength(12);
        Arbitrary<String> encoded = Arbitraries.strings().withChars("aZ09 +=&%\n/_-.\u00fc#\"{}").ofMaxLength(16)
                .map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8));
        Arbitrary<String> click = Arbitraries.of(URLEncoder.encode(CLICK, StandardCharsets.UTF_8),
                URLEncoder.encode(CLICK, StandardCharsets.UTF_8).replace("%3D", "="));
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(6, encoded), Tuple.of(2, raw), Tuple.of(2, click),
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
