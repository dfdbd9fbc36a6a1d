package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every payload shape Slack documents is handled or politely ignored: 2xx, no stack trace, and no
 * WARN (nor Bolt's suggestion block) for the ones Taskbridge has no listener for.
 */
class SlackPayloadShapesTest {
    static RunningService svc;
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeAll
    static void start() {
        svc = new RunningService();
    }

    @AfterAll
    static void stop() {
        svc.close();
    }

    @BeforeEach
    void listen() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void unlisten() {
        root.detachAppender(logs);
    }

    private void assertQuietTwoHundred(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("at com.");
        List<ILoggingEvent> loud = logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
        assertThat(loud).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    @Test
    void anOrgWideViewSubmissionWithNullTeamCreatesTheTask() {
        String values = """
                {"title":{"title_input":{"type":"plain_text_input","value":"Org-wide task"}}}""";
        String payload = SlackPayloads.viewSubmission("U1", "V-org-1", TaskModal.CALLBACK_ID, "C1|UTC", values)
                .replace("\"team\":{\"id\":\"T1\",\"domain\":\"test\"}", "\"team\":null");
        assertThat(payload).contains("\"team\":null");
        HttpResponse<String> r = svc.requests.interaction(payload);
        assertQuietTwoHundred(r);
        assertThat(svc.service.tasks().list(io.taskbridge.task.TaskQuery.all()).stream()
                .filter(t -> t.title().equals("Org-wide task")).toList()).hasSize(1);
    }

    @Test
    void appRateLimitedIsAcknowledged() {
        assertQuietTwoHundred(svc.requests.event("""
                {"token":"x","type":"app_rate_limited","team_id":"T1","minute_rate_limited":1518467820,"api_app_id":"A1"}"""));
    }

    @Test
    void aSignedEmptyArrayIsIgnored() {
        assertQuietTwoHundred(svc.requests.event("[]"));
    }

    @Test
    void anEventCallbackWithoutEventIsIgnored() {
        assertQuietTwoHundred(svc.requests.event("""
                {"token":"x","team_id":"T1","api_app_id":"A1","type":"event_callback","event_id":"Ev1","event_time":1700000000}"""));
    }

    @Test
    void aMalformedPayloadIsIgnored() {
        assertQuietTwoHundred(svc.requests.post("payload=%7Bnot-json", "application/x-www-form-urlencoded",
                svc.clock.instant().getEpochSecond(), true));
        assertQuietTwoHundred(svc.requests.post("payload=", "application/x-www-form-urlencoded",
                svc.clock.instant().getEpochSecond(), true));
        assertQuietTwoHundred(svc.requests.post("payload=%5B%5D", "application/x-www-form-urlencoded",
                svc.clock.instant().getEpochSecond(), true));
    }

    @Test
    void anSslCheckGets200() {
        assertQuietTwoHundred(svc.requests.post("ssl_check=1&token=x", "application/x-www-form-urlencoded",
                svc.clock.instant().getEpochSecond(), true));
    }

    @Test
    void eventsWithoutAListenerAreIgnoredWithoutWarning() {
        assertQuietTwoHundred(svc.requests.event("""
                {"token":"x","team_id":"T1","api_app_id":"A1","type":"event_callback","event_id":"Ev2","event_time":1700000000,
                 "event":{"type":"app_home_opened","user":"U1","channel":"D1","tab":"home","event_ts":"1700000000.1"}}"""));
        assertQuietTwoHundred(svc.requests.interaction("""
                {"type":"block_actions","user":{"id":"U1","team_id":"T1"},"team":{"id":"T1"},"api_app_id":"A1",
                 "actions":[{"action_id":"nobody-listens","block_id":"b","type":"button","value":"v"}]}"""));
        assertQuietTwoHundred(svc.requests.post("command=%2Fother&text=x&team_id=T1&user_id=U1&channel_id=C1&trigger_id=t",
                "application/x-www-form-urlencoded", svc.clock.instant().getEpochSecond(), true));
    }
}
