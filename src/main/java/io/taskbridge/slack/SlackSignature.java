package io.taskbridge.slack;

import io.taskbridge.platform.Hmac;
import io.taskbridge.platform.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks Slack's request signature over the exact bytes received: {@code v0=hex(HMAC-SHA256(secret,
 * "v0:" + timestamp + ":" + body))}, within five minutes of now. Bolt's own check hashes a decoded
 * String with the platform charset, which rejects correctly signed UTF-8 bodies on a JVM whose
 * default charset is ASCII; this one hashes bytes, so it holds whatever the locale.
 */
public final class SlackSignature {
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final Hmac signing;
    private final Clock clock;

    public SlackSignature(Secret signingSecret, Clock clock) {
        this.signing = Hmac.keyed(signingSecret);
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
        String expected = "v0=" + signing.hex("v0:" + timestamp.strip() + ":", body);
        return Hmac.same(expected, signature.strip()) ? Optional.empty() : Optional.of("signature mismatch");
    }
}
