package io.taskbridge.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends requests to the service signed exactly as Slack signs them, with an HMAC computed here
 * over the UTF-8 bytes (independently of Bolt's {@code SlackSignature.Generator}).
 */
public final class SlackRequests {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String secret;
    private final Clock clock;
    private final String team;

    public SlackRequests(int port, String secret) {
        this(port, secret, Clock.systemUTC());
    }

    /** Signs with {@code clock}'s time, for a service running on a {@link TestClock}. */
    public SlackRequests(int port, String secret, Clock clock) {
        this(URI.create("http://127.0.0.1:" + port + "/slack/events"), secret, clock, "T1");
    }

    private SlackRequests(URI endpoint, String secret, Clock clock, String team) {
        this.endpoint = endpoint;
        this.secret = secret;
        this.clock = clock;
        this.team = team;
    }

    /** The same requests, sent from workspace {@code teamId} (slash commands' team_id). */
    public SlackRequests fromTeam(String teamId) {
        return new SlackRequests(endpoint, secret, clock, teamId);
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A slash command, form-encoded as Slack sends it. */
    public HttpResponse<String> command(String text, String userId, String channelId, String triggerId, String responseUrl) {
        return command(text, userId, channelId, "general", triggerId, responseUrl);
    }

    /**
     * A slash command from a conversation Slack names {@code channelName}: a public channel's name,
     * or {@code privategroup}, {@code directmessage}, {@code mpdm} for the others.
     */
    public HttpResponse<String> command(String text, String userId, String channelId, String channelName, String triggerId,
                                        String responseUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy-verification-token");
        form.put("team_id", team);
        form.put("team_domain", "test");
        form.put("channel_id", channelId);
        form.put("channel_name", channelName);
        form.put("user_id", userId);
        form.put("user_name", userId.toLowerCase());
        form.put("command", "/task");
        form.put("text", text);
        form.put("api_app_id", "A1");
        form.put("response_url", responseUrl);
        form.put("trigger_id", triggerId);
        return post(form(form), "application/x-www-form-urlencoded", clock.instant().getEpochSecond(), true);
    }

    /** An interactivity payload ({@code payload=<url-encoded JSON>}). */
    public HttpResponse<String> interaction(String payloadJson) {
        return post("payload=" + URLEncoder.encode(payloadJson, StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded", clock.instant().getEpochSecond(), true);
    }

    /** An Events API callback (JSON body). */
    public HttpResponse<String> event(String json) {
        return post(json, "application/json", clock.instant().getEpochSecond(), true);
    }

    public HttpResponse<String> post(String body, String contentType, long timestamp, boolean signed) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (signed) {
            b.header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                    .header("X-Slack-Signature", sign(secret, timestamp, bytes));
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
