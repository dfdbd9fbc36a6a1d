package io.taskbridge.sync;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.taskbridge.platform.Metrics;

/**
 * Counts webhook deliveries by connection and by what {@link Webhooks} answered them, read from the
 * status it set: an after-handler on its route, so the endpoint itself is not touched.
 */
public final class WebhookResults {
    private final Metrics metrics;

    public WebhookResults(Metrics metrics) {
        this.metrics = metrics;
    }

    /** Registers the observer; pass as {@code results::addTo} to the HTTP server. */
    public void addTo(RoutesConfig routes) {
        routes.after("/webhooks/{connection}", this::observe);
    }

    private void observe(Context ctx) {
        int status = ctx.statusCode();
        // A name no connection has is the sender's text: it never becomes a tag value.
        String connection = status == 404 ? "unknown" : ctx.pathParam("connection");
        metrics.webhook(connection, result(status));
    }

    /**
     * {@code accepted} (202, applied after the answer), {@code duplicate} (200, a retry of one already
     * taken), {@code refused} (401, bad or missing signature or header), {@code unknown_connection}
     * (404), {@code malformed} (400, 422), {@code too_large} (413), {@code error} (5xx).
     */
    static String result(int status) {
        return switch (status) {
            case 202 -> "accepted";
            case 200 -> "duplicate";
            case 401 -> "refused";
            case 404 -> "unknown_connection";
            case 400, 422 -> "malformed";
            case 413 -> "too_large";
            default -> status >= 500 ? "error" : "other";
        };
    }
}
