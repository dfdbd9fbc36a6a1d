package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What /slack/events answers before any listener runs: signatures, sizes, verification, health. */
class SlackEndpointTest {
    static RunningService svc;

    @BeforeAll
    static void start() {
        svc = new RunningService();
    }

    @AfterAll
    static void stop() {
        svc.close();
    }

    static final String NON_ASCII_EVENT = """
            {"token":"x","team_id":"T1","api_app_id":"A1","type":"event_callback","event_id":"Ev9",\
            "event_time":1700000000,"event":{"type":"message","channel":"C1","user":"U1",\
            "text":"\u00dcberpr\u00fcfung \u2705 \u65e5\u672c\u8a9e","ts":"1.2","event_ts":"1.2","channel_type":"channel"}}""";

    @Test
    void urlVerificationEchoesTheChallenge() {
        HttpResponse<String> r = svc.requests.event("{\"token\":\"x\",\"challenge\":\"abc123\",\"type\":\"url_verification\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("abc123");
    }

    @Test
    void aCorrectlySignedNonAsciiEventIsAccepted() {
        assertThat(NON_ASCII_EVENT.getBytes(StandardCharsets.UTF_8)).as("multi-byte characters in the signed body")
                .hasSizeGreaterThan(NON_ASCII_EVENT.length());
        assertThat(svc.requests.event(NON_ASCII_EVENT).statusCode()).isEqualTo(200);
        // The same signature over one changed character is refused: the 200 came from the check, not past it.
        long now = Instant.now().getEpochSecond();
        String signature = SlackRequests.sign(RunningService.SECRET, now, NON_ASCII_EVENT.getBytes(StandardCharsets.UTF_8));
        assertThat(send(NON_ASCII_EVENT.replace("✅", "❎").getBytes(StandardCharsets.UTF_8), now, signature).statusCode())
                .isEqualTo(401);
    }

    @Test
    void wrongMissingOrStaleSignaturesGet401() {
        long now = Instant.now().getEpochSecond();
        String body = "{\"type\":\"url_verification\",\"challenge\":\"c\"}";
        SlackRequests wrongSecret = new SlackRequests(svc.service.port(), "not-the-secret");
        assertThat(wrongSecret.post(body, "application/json", now, true).statusCode()).isEqualTo(401);
        assertThat(svc.requests.post(body, "application/json", now, false).statusCode()).isEqualTo(401);
        HttpResponse<String> stale = svc.requests.post(body, "application/json", now - 301, true);
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(stale.body()).contains("invalid_authentication").doesNotContain(RunningService.SECRET);
        assertThat(svc.requests.post(body, "application/json", now + 310, true).statusCode()).isEqualTo(401);
        // Inside the window, either side, is fine.
        assertThat(svc.requests.post(body, "application/json", now - 290, true).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(byte[] body, long timestamp, String signature) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + svc.service.port() + "/slack/events"))
                    .header("Content-Type", "application/json")
                    .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                    .header("X-Slack-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSignatureOverOtherBytesIsRefused() throws Exception {
        long now = Instant.now().getEpochSecond();
        byte[] signed = NON_ASCII_EVENT.getBytes(StandardCharsets.UTF_8);
        byte[] sent = NON_ASCII_EVENT.getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + svc.service.port() + "/slack/events"))
                .header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", SlackRequests.sign(RunningService.SECRET, now, signed))
                .POST(HttpRequest.BodyPublishers.ofByteArray(sent)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void bodiesOverOneMebibyteGet413() {
        String huge = "{\"type\":\"event_callback\",\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
        HttpResponse<String> r = svc.requests.event(huge);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("payload_too_large");
    }

    @Test
    void healthSaysTheDatabaseIsUp() {
        HttpResponse<String> r = svc.get("/healthz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"database\":\"up\"");
    }
}
