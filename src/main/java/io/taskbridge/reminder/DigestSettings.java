package io.taskbridge.reminder;

import io.taskbridge.platform.WorkspaceId;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/** A channel's daily overdue digest, as {@code /task digest} sets it; implemented by the reminder package. */
public interface DigestSettings {
    /** Turns the digest of {@code workspace}'s channel on at {@code at} in {@code zone}; returns when it is next posted. */
    Instant set(WorkspaceId workspace, String teamId, String channelId, LocalTime at, ZoneId zone);

    /** Turns the channel's digest off (it stays off: new tasks don't turn it back on). */
    void off(WorkspaceId workspace, String teamId, String channelId);

    /** For a service without reminders: says so instead of pretending. */
    DigestSettings NONE = new DigestSettings() {
        @Override
        public Instant set(WorkspaceId workspace, String teamId, String channelId, LocalTime at, ZoneId zone) {
            throw new UnsupportedOperationException("digests are not available");
        }

        @Override
        public void off(WorkspaceId workspace, String teamId, String channelId) {
            throw new UnsupportedOperationException("digests are not available");
        }
    };
}
