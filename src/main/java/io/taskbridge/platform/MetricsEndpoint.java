package io.taskbridge.platform;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * {@code GET /metrics} in Prometheus' text format. With a key, a scrape must send
 * {@code Authorization: Bearer <key>}; anything else is 401. The key is compared as SHA-256 digests in
 * constant time (so neither where it differs nor its length shows in the timing) and never logged.
 */
public final class MetricsEndpoint implements HttpServer.Routes {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMetrics metrics;
    private final Optional<byte[]> keyDigest;

    public MetricsEndpoint(PrometheusMetrics metrics, Optional<Secret> key) {
        this.metrics = metrics;
        this.keyDigest = key.map(k -> sha256(k.value()));
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/metrics", this::scrape);
    }

    private void scrape(Context ctx) {
        if (keyDigest.isPresent() && !authorized(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"");
            ErrorBodies.send(ctx, 401, "invalid_authentication", "/metrics needs Authorization: Bearer <TASKBRIDGE_METRICS_KEY>.");
            return;
        }
        ctx.contentType(CONTENT_TYPE).result(metrics.scrape().getBytes(StandardCharsets.UTF_8));
    }

    private boolean authorized(String header) {
        String given = header == null ? "" : header.strip();
        String token = given.regionMatches(true, 0, "Bearer ", 0, 7) ? given.substring(7).strip() : "";
        return MessageDigest.isEqual(sha256(token), keyDigest.orElseThrow());
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
