package io.taskbridge.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.slf4j.LoggerFactory;

/**
 * The Slack request path over real HTTP, every request signed as Slack signs it: any command text,
 * any interaction payload, any event body. Every answer is 2xx (or 4xx for what Slack never sends),
 * never 500, and nothing is logged as an error, before the ack or after it.
 */
class SlackFuzzTest {
    static RunningService svc;
    static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    static final Logger ROOT = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    static final AtomicInteger TRIGGERS = new AtomicInteger();

    @BeforeContainer
    static void start() {
        svc = new RunningService();
        svc.slack.timeZone("UBOB", "Europe/Berlin");
        LOGS.start();
        ROOT.addAppender(LOGS);
    }

    @AfterContainer
    static void stop() {
        ROOT.detachAppender(LOGS);
        svc.close();
    }

    @AfterProperty
    void nothingWasLoggedAsAnError() {
        assertThat(LOGS.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(e -> e.getFormattedMessage() + " " + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())))
                .isEmpty();
    }

    static void assertAnswered(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Provide
    Arbitrary<String> commandText() {
        return Inputs.commandText();
    }

    @Property
    void everyCommandIsAcked(@ForAll("commandText") String text, @ForAll("user") String user) {
        int n = TRIGGERS.incrementAndGet();
        assertAnswered(svc.requests.command(text, user, "C1", "fuzz-trigger-" + n, svc.slack.responseUrl("fuzz-" + n)));
    }

    @Provide
    Arbitrary<String> user() {
        return Arbitraries.of("UBOB", "UALICE");
    }

    @Provide
    Arbitrary<String> payload() {
        Arbitrary<String> value = Inputs.anyText(20).map(Inputs::quoted);
        Arbitrary<String> click = Combinators.combine(
                Arbitraries.of("task_start", "task_done", "approval_approve", "approval_approve_comment", "approval_reject", "reminder_snooze", "nobody", ""),
                Inputs.anyText(12)).as((action, v) -> SlackPayloads.buttonClick("UBOB", action, "b1", v.replace("\"", ""),
                "C1", "1700000000.000100", svc.slack.responseUrl("click")));
        Arbitrary<String> submission = Combinators.combine(
                Arbitraries.of("task_create", "approval_decision", "other"), Inputs.anyText(15), Inputs.taskBody())
                .as((callback, metadata, values) -> SlackPayloads.viewSubmission("UBOB", "V-fuzz", callback,
                        metadata.replace("\"", "").replace("\\", ""), values));
        Arbitrary<String> mutated = Combinators.combine(Arbitraries.oneOf(click, submission), Inputs.nasty(),
                Arbitraries.integers().between(0, 400)).as((json, junk, at) -> {
                    int i = Math.min(at, json.length());
                    return json.substring(0, i) + junk + json.substring(i);
                });
        Arbitrary<String> orgWide = submission.map(s -> s.replace("\"team\":{\"id\":\"T1\",\"domain\":\"test\"}", "\"team\":null"));
        return Arbitraries.oneOf(click, submission, mutated, orgWide, Inputs.jsonValue(), Inputs.anyText(40),
                value.map(v -> "{\"type\":" + v + "}"));
    }

    @Property
    void everyInteractionIsAcked(@ForAll("payload") String payload) {
        assertAnswered(svc.requests.interaction(payload));
    }

    @Provide
    Arbitrary<String> eventBody() {
        Arbitrary<String> type = Arbitraries.oneOf(Arbitraries.of("\"event_callback\"", "\"app_rate_limited\"",
                "\"url_verification\"", "\"block_actions\"", "null", "1", "[]"), Inputs.anyText(8).map(Inputs::quoted));
        Arbitrary<String> event = Arbitraries.oneOf(Arbitraries.of("{\"type\":\"app_home_opened\",\"user\":\"UBOB\",\"tab\":\"home\"}",
                "{\"type\":\"message\",\"text\":\"hi\",\"channel\":\"C1\",\"user\":\"UBOB\",\"ts\":\"1.2\"}",
                "{\"type\":\"app_uninstalled\"}", "{\"type\":\"tokens_revoked\",\"tokens\":{}}", "{}", "null", "[]", "\"x\""),
                Inputs.jsonValue());
        Arbitrary<String> callback = Combinators.combine(type, event, Inputs.jsonValue()).as((t, e, extra) ->
                "{\"token\":\"x\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"type\":" + t + ",\"event\":" + e
                        + ",\"event_id\":\"Ev1\",\"challenge\":" + extra + "}");
        return Arbitraries.oneOf(callback, Inputs.jsonValue(), Inputs.anyText(40));
    }

    @Property
    void everyEventIsAcked(@ForAll("eventBody") String body) {
        assertAnswered(svc.requests.event(body));
    }

    @Property
    void everyFormIsAcked(@ForAll("form") String body) {
        assertAnswered(svc.requests.post(body, "application/x-www-form-urlencoded",
                svc.clock.instant().getEpochSecond(), true));
    }

    @Provide
    Arbitrary<String> form() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("payload", "ssl_check", "command", "text", "user_id",
                "team_id", "channel_id", "trigger_id", "response_url", "token"), Inputs.anyText(5));
        Arbitrary<String> pair = Combinators.combine(name, Inputs.anyText(20)).as((n, v) ->
                java.net.URLEncoder.encode(n, java.nio.charset.StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
        return Arbitraries.oneOf(pair.list().ofMaxSize(8).map(p -> String.join("&", p)), Inputs.anyText(30));
    }
}
