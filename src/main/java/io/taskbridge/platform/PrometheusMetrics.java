package io.taskbridge.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.ToLongFunction;

/**
 * The metrics kept in a Micrometer Prometheus registry: each family's name, help text, tags and
 * histogram buckets (see the README's metrics section), and the JVM's own (memory, GC, threads,
 * classes, process CPU, uptime, file descriptors). Micrometer writes a counter {@code x} as
 * {@code x_total} and a timer as {@code x_seconds_bucket/_count/_sum}.
 */
public final class PrometheusMetrics implements Metrics {
    static final String PREFIX = "taskbridge.";
    /** Tag values per family beyond which new ones are dropped (a runaway tag would flood the scrape). */
    static final int MAX_TAG_VALUES = 100;

    private static final Duration[] REQUEST_BUCKETS = millis(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500,
            5_000, 10_000);
    private static final Duration[] LAG_BUCKETS = millis(1_000, 5_000, 15_000, 30_000, 60_000, 120_000,
            300_000, 900_000, 3_600_000);
    private static final Duration[] POLL_BUCKETS = millis(100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000,
            60_000);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public PrometheusMetrics() {
        registry.config()
                .meterFilter(MeterFilter.maximumAllowableTags(PREFIX + "http.requests", "route", MAX_TAG_VALUES, MeterFilter.deny()))
                .meterFilter(MeterFilter.maximumAllowableTags(PREFIX + "slack.clicks", "action", MAX_TAG_VALUES, MeterFilter.deny()))
                .meterFilter(MeterFilter.maximumAllowableTags(PREFIX + "webhook.deliveries", "connection", MAX_TAG_VALUES, MeterFilter.deny()));
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** Everything, in Prometheus' text format (0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void request(String method, String route, int status, Duration took) {
        Timer.builder(PREFIX + "http.requests").description("HTTP requests by method, route template and status")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .serviceLevelObjectives(REQUEST_BUCKETS).register(registry).record(took);
    }

    @Override
    public void command(String subcommand, String outcome) {
        count("slack.commands", "/task commands by subcommand and how their ack went",
                "subcommand", subcommand, "outcome", outcome);
    }

    @Override
    public void click(String action) {
        count("slack.clicks", "Button clicks by action id", "action", action);
    }

    @Override
    public void delivery(String destination, String kind, String result) {
        count("outbox.deliveries", "Outbox delivery attempts by destination, message kind and result",
                "destination", destination, "kind", kind, "result", result);
    }

    @Override
    public void reminderLag(Duration lag) {
        Timer.builder(PREFIX + "reminder.lag").description("From a reminder's fire time to its delivery")
                .serviceLevelObjectives(LAG_BUCKETS).register(registry).record(lag.isNegative() ? Duration.ZERO : lag);
    }

    @Override
    public void poll(String connection, boolean ok, Duration took, int changes) {
        Timer.builder(PREFIX + "poll.duration").description("Polls of a task-system connection, by result")
                .tags("connection", connection, "result", ok ? "ok" : "failed")
                .serviceLevelObjectives(POLL_BUCKETS).register(registry).record(took);
        Counter counter = Counter.builder(PREFIX + "poll.changes").description("Tasks changed, as seen by polls")
                .tags("connection", connection).register(registry);
        counter.increment(changes);
    }

    @Override
    public void webhook(String connection, String result) {
        count("webhook.deliveries", "Webhook deliveries by connection and result", "connection", connection,
                "result", result);
    }

    @Override
    public void gauge(String name, String description, DoubleSupplier value, String... tags) {
        Gauge.builder(PREFIX + name, value::getAsDouble).description(description).tags(tags).strongReference(true)
                .register(registry);
    }

    @Override
    public <T> void total(String name, String description, T source, ToLongFunction<T> value) {
        FunctionCounter.builder(PREFIX + name, source, t -> value.applyAsLong(t)).description(description)
                .register(registry);
    }

    private void count(String name, String description, String... tags) {
        Counter.builder(PREFIX + name).description(description).tags(tags).register(registry).increment();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private static Duration[] millis(long... each) {
        return java.util.Arrays.stream(each).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
    }
}
