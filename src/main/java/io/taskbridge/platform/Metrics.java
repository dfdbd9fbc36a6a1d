package io.taskbridge.platform;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.ToLongFunction;

/**
 * What the service counts and times, for operators ({@code GET /metrics}). Every package calls it
 * in one line where something happens; the names, units, tags and buckets are decided in one place
 * ({@link PrometheusMetrics}). With metrics off the service gets {@link #off()}, which does nothing.
 * Tag values must come from a small set (a route template, a subcommand, a connection's name), never
 * from what a user typed.
 */
public sealed interface Metrics extends AutoCloseable permits PrometheusMetrics, Metrics.Off {

    /** Metrics off: every call returns at once and nothing is kept. */
    static Metrics off() {
        return new Off();
    }

    /** One HTTP request: its method, route template (not the raw path), final status and time. */
    void request(String method, String route, int status, Duration took);

    /** One {@code /task} command: its subcommand (a known verb, "form" or "unknown") and how its ack went. */
    void command(String subcommand, String outcome);

    /** One button click, by the button's action id. */
    void click(String action);

    /** One try at delivering an outbox row: where to (slack or a connection), its kind and what happened. */
    void delivery(String destination, String kind, String result);

    /** A reminder delivered: from the time it was planned to fire to its delivery. */
    void reminderLag(Duration lag);

    /** One poll of a connection: how long it took, whether it finished, and how many tasks changed. */
    void poll(String connection, boolean ok, Duration took, int changes);

    /** One webhook delivery and what it was answered. */
    void webhook(String connection, String result);

    /**
     * A value read when metrics are scraped, such as a count in the database: {@code name} without the
     * {@code taskbridge_} prefix, dotted ("outbox.rows"), {@code tags} as name, value pairs.
     */
    void gauge(String name, String description, DoubleSupplier value, String... tags);

    /**
     * A running total kept by {@code source} and read when metrics are scraped (exported with
     * {@code _total}); {@code source} must live as long as the service, since it is held weakly.
     */
    <T> void total(String name, String description, T source, ToLongFunction<T> value);

    @Override
    default void close() {}

    /** Metrics off. */
    record Off() implements Metrics {
        @Override
        public <T> void total(String name, String description, T source, ToLongFunction<T> value) {}

        @Override
        public void request(String method, String route, int status, Duration took) {}

        @Override
        public void command(String subcommand, String outcome) {}

        @Override
        public void click(String action) {}

        @Override
        public void delivery(String destination, String kind, String result) {}

        @Override
        public void reminderLag(Duration lag) {}

        @Override
        public void poll(String connection, boolean ok, Duration took, int changes) {}

        @Override
        public void webhook(String connection, String result) {}

        @Override
        public void gauge(String name, String description, DoubleSupplier value, String... tags) {}
    }
}
