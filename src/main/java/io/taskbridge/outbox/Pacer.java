package io.taskbridge.outbox;

import java.time.Duration;

/** Keeps posts to one channel (a pace key) under Slack's limit. */
public interface Pacer {
    /** Zero when a post to {@code key} may go now (it then counts against the pace), else how long to wait. */
    Duration reserve(String key);

    /** Slack said 429 for {@code key}: nothing goes there for {@code delay}. */
    void close(String key, Duration delay);
}
