package io.taskbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.testing.Databases;
import io.taskbridge.testing.RunningService;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-key token bucket: on its own with a hand-moved clock, and as 429 over HTTP. */
class RateLimitTest {

    @Test
    void aBucketBurstsToItsBudgetThenRefillsSteadily() {
        AtomicLong nanos = new AtomicLong(1_000);
        RateLimiter limiter = new RateLimiter(2, nanos::get);

        assertThat(limiter.admit("k")).isEqualTo(new RateLimiter.Admission.Allowed());
        assertThat(limiter.admit("k")).isEqualTo(new RateLimiter.Admission.Allowed());
        assertThat(limiter.admit("k")).isEqualTo(new RateLimiter.Admission.Refused(30));
        assertThat(limiter.admit("other")).isEqualTo(new RateLimiter.Admission.Allowed());

        nanos.addAndGet(20_000_000_000L);
        assertThat(limiter.admit("k")).isEqualTo(new RateLimiter.Admission.Refused(10));
        nanos.addAndGet(10_000_000_000L);
        assertThat(limiter.admit("k")).isEqualTo(new RateLimiter.Admission.Allowed());
        nanos.addAndGet(3_600_000_000_000L);
        assertThat(limiter.admit("k")).isEqualTo(new RateLimiter.Admission.Allowed());
        assertThat(limiter.admit("k")).isEqualTo(new RateLimiter.Admission.Allowed());
        assertThat(limiter.admit("k")).isInstanceOf(RateLimiter.Admission.Refused.class);
    }

    @Test
    void anEmptyBucketAnswers429WithRetryAfterForThatKeyOnly() {
        String admin = "admin-key-for-rate-tests";
        try (RunningService svc = new RunningService(Databases.sqliteUrl(),
                Map.of("TASKBRIDGE_ADMIN_KEY", admin, "TASKBRIDGE_API_RATE", "3"))) {
            ApiClient api = new ApiClient(svc.service.port());
            String member = api.post("/v1/apikeys", admin, "{\"name\":\"m\",\"role\":\"member\",\"principal\":\"m\"}")
                    .json().get("key").asText();
            assertThat(api.get("/v1/tasks", admin).status()).isEqualTo(200);
            assertThat(api.get("/v1/tasks", admin).status()).isEqualTo(200);

            ApiClient.Reply limited = api.get("/v1/tasks", admin);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.code()).isEqualTo("rate_limit_exceeded");
            long retryAfter = Long.parseLong(limited.header("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 20L);
            assertThat(limited.details().get("limitPerMinute").asInt()).isEqualTo(3);
            assertThat(api.post("/v1/tasks", admin, "{\"title\":\"x\"}").status()).isEqualTo(429);

            assertThat(api.get("/v1/tasks", member).status()).isEqualTo(200);
            assertThat(api.get("/v1/openapi.json", null).status()).isEqualTo(200);
        }
    }
}
