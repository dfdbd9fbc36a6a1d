package io.taskbridge.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Keeps posts to one channel under Slack's chat.postMessage limit: about one per second per
 * channel, with short bursts allowed (a token bucket of {@code burst} tokens refilled at one per
 * {@code interval}). A 429 closes the channel until its Retry-After has passed. Real (monotonic)
 * time, not the service clock: this is about Slack's clock. Per instance: used with SQLite (one
 * instance); instances sharing PostgreSQL use {@link SharedPacer}.
 */
public final class ChannelPacer implements Pacer {
    private record Bucket(double tokens, long atNanos, long closedUntilNanos) {}

    private final int burst;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ChannelPacer(int burst, Duration interval) {
        this(burst, interval, System::nanoTime);
    }

    ChannelPacer(int burst, Duration interval, LongSupplier nanoTime) {
        if (burst < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("burst must be at least 1 and interval positive");
        }
        this.burst = burst;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Slack's pace: one a second, bursts of three. */
    public static ChannelPacer slack() {
        return new ChannelPacer(3, Duration.ofMillis(1_050));
    }

    /** Zero when a post to {@code channel} may go now (it then takes its token), else how long to wait. */
    @Override
    public Duration reserve(String channel) {
        long now = nanoTime.getAsLong();
        long[] wait = new long[1];
        buckets.compute(channel, (k, b) -> {
            Bucket bucket = b == null ? new Bucket(burst, now, 0) : refill(b, now);
            if (bucket.closedUntilNanos() > now) {
                wait[0] = bucket.closedUntilNanos() - now;
                return bucket;
            }
            if (bucket.tokens() >= 1) {
                return new Bucket(bucket.tokens() - 1, now, 0);
            }
            wait[0] = (long) Math.ceil((1 - bucket.tokens()) * intervalNanos);
            return bucket;
        });
        if (buckets.size() > 10_000) {
            buckets.entrySet().removeIf(e -> refill(e.getValue(), now).tokens() >= burst);
        }
        return Duration.ofNanos(wait[0]);
    }

    /** Slack said 429 for {@code channel}: nothing goes there for {@code delay}. */
    @Override
    public void close(String channel, Duration delay) {
        long until = nanoTime.getAsLong() + delay.toNanos();
        buckets.compute(channel, (k, b) -> new Bucket(0, nanoTime.getAsLong(),
                Math.max(until, b == null ? 0 : b.closedUntilNanos())));
    }

    private Bucket refill(Bucket b, long now) {
        double tokens = Math.min(burst, b.tokens() + (double) (now - b.atNanos()) / intervalNanos);
        return new Bucket(tokens, now, b.closedUntilNanos());
    }
}
