package io.taskbridge.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock the test moves: real time plus an offset that {@link #advance} and {@link #set} change.
 * Time keeps flowing (retries, leases and Retry-After waits still come due), and a test can jump
 * hours ahead to make reminders due.
 */
public final class TestClock extends Clock {
    private final AtomicLong offsetMillis = new AtomicLong();

    public TestClock() {}

    public TestClock(Instant now) {
        set(now);
    }

    public void advance(Duration d) {
        offsetMillis.addAndGet(d.toMillis());
    }

    /** Jumps so that it is {@code now} at this moment. */
    public void set(Instant now) {
        offsetMillis.set(now.toEpochMilli() - System.currentTimeMillis());
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(System.currentTimeMillis() + offsetMillis.get());
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("TestClock is UTC");
    }
}
