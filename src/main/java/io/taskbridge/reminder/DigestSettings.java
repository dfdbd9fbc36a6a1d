package io.taskbridge.reminder;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/** A channel's daily overdue digest, as {@code /task digest} sets it; implemented by the reminder package. */
public interface DigestSettings {
    /** Turns the digest on at {@code at} in {@code zone}; returns when it is next posted. */
    Instant set(String teamId, String channelId, LocalTime at, ZoneId zone);

    /** Turns the channel's digest off (it stays off: new tasks don't turn it back on). */
    void off(String teamId, String channelId);

    /** For a service without reminders: says so instead of pretending. */
    DigestSettings NONE = new DigestSettings() {
        @Override
        public Instant set(String teamId, String channelId, LocalTime at, ZoneId zone) {
            throw new UnsupportedOperationException("digests are not available");
        }

        @Override
        public void off(String teamId, String channelId) {
            throw new UnsupportedOperationException("digests are not available");
        }
    };
}
