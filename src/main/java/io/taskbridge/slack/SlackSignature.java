package io.taskbridge.slack;

import io.taskbridge.platform.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Slack's request signature over the exact bytes received: {@code v0=hex(HMAC-SHA256(secret,
 * "v0:" + timestamp + ":" + body))}, within five minutes of now. Bolt's own check hashes a decoded
 * String with the platform charset, which rejects correctly signed UTF-8 bodies on a JVM whose
 * default charset is ASCII; this one hashes bytes, so it holds whatever the locale.
 */
public final class SlackSignature {
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final SecretKeySpec key;
    private final Clock clock;

    public SlackSignature(Secret signingSecret, Clock clock) {
        this.key = new SecretKeySpec(signingSecret.value().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    /** Why a request was refused, or empty when it is genuine. Never says anything about the secret. */
    public Optional<String> problem(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null) {
            return Optional.of("missing X-Slack-Request-Timestamp or X-Slack-Signature");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Optional.of("malformed X-Slack-Request-Timestamp");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (skew > WINDOW.toSeconds()) {
            return Optional.of("stale X-Slack-Request-Timestamp");
        }
        byte[] expected = ("v0=" + HexFormat.of().formatHex(hmac(timestamp.strip(), body))).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.strip().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.empty() : Optional.of("signature mismatch");
    }

    private byte[] hmac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
