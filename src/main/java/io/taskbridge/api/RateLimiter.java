package io.taskbridge.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per API key, in this instance's memory: each key may burst up to its per-minute
 * budget and then gets one request back every {@code 60 / perMinute} seconds. Several instances each
 * count on their own, so N instances allow up to N times the budget.
 */
public final class RateLimiter {
    private static final double NANOS_PER_MINUTE = 60e9;

    private final int perMinute;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int perMinute, LongSupplier nanoTime) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1");
        }
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
    }

    /** Whether a request may go ahead now; takes a token when it may. */
    public sealed interface Admission {
        /** Go ahead. */
        record Allowed() implements Admission {}

        /** Refused: the next token comes in {@code retryAfterSeconds} (at least 1). */
        record Refused(long retryAfterSeconds) implements Admission {}
    }

    public Admission admit(String keyId) {
        return buckets.computeIfAbsent(keyId, k -> new Bucket(perMinute, nanoTime.getAsLong())).take(nanoTime.getAsLong());
    }

    public int perMinute() {
        return perMinute;
    }

    private static final class Bucket {
        private final int capacity;
        private double tokens;
        private long refilledAt;

        Bucket(int capacity, long now) {
            this.capacity = capacity;
            this.tokens = capacity;
            this.refilledAt = now;
        }

        synchronized Admission take(long now) {
            double perNano = capacity / NANOS_PER_MINUTE;
            tokens = Math.min(capacity, tokens + Math.max(0, now - refilledAt) * perNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return new Admission.Allowed();
            }
            long waitNanos = (long) Math.ceil((1 - tokens) / perNano);
            return new Admission.Refused(Math.max(1, (long) Math.ceil(waitNanos / 1e9)));
        }
    }
}
