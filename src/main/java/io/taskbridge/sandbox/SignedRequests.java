package io.taskbridge.sandbox;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends the page's actions to the service's own {@code /slack/events} on loopback, signed as Slack
 * signs them ({@code v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)} over the UTF-8 body),
 * with the sandbox's secret: they pass the same signature check and reach the same Bolt app.
 */
final class SignedRequests {
    /** What the service answered: Bolt's ack. */
    record Answer(int status, String body) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final byte[] secret;
    private volatile URI endpoint;

    SignedRequests(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    void serviceOn(int port) {
        endpoint = URI.create("http://127.0.0.1:" + port + "/slack/events");
    }

    /** A slash command: form-encoded fields. */
    Answer command(Map<String, String> fields) {
        return post(form(fields));
    }

    /** An interactivity payload: {@code payload=<url-encoded JSON>}. */
    Answer interaction(String payloadJson) {
        return post("payload=" + URLEncoder.encode(payloadJson, StandardCharsets.UTF_8));
    }

    private Answer post(String body) {
        URI target = endpoint;
        if (target == null) {
            return new Answer(503, "");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long timestamp = System.currentTimeMillis() / 1000;
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", sign(timestamp, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (java.io.IOException e) {
            return new Answer(502, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(503, "");
        }
    }

    String sign(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
