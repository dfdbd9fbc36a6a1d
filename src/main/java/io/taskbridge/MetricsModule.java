package io.taskbridge;

import io.taskbridge.outbox.Delivery;
import io.taskbridge.outbox.MeasuredDelivery;
import io.taskbridge.outbox.OutboxGauges;
import io.taskbridge.platform.HttpServer;
import io.taskbridge.platform.Metrics;
import io.taskbridge.platform.MetricsEndpoint;
import io.taskbridge.platform.PrometheusMetrics;
import io.taskbridge.sync.WebhookResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Metrics (TASKBRIDGE_METRICS, TASKBRIDGE_METRICS_KEY): off by default, and then {@link Metrics#off()}
 * everywhere and no {@code /metrics}. On, one Prometheus registry that the HTTP server, the Bolt app,
 * the outbox, the poller and the webhook route report to, and the gauges read at each scrape.
 */
record MetricsModule(Metrics metrics, Optional<HttpServer.Routes> endpoint) {

    static MetricsModule wire(Config config, List<AutoCloseable> resources) {
        if (!config.metrics().on()) {
            return new MetricsModule(Metrics.off(), Optional.empty());
        }
        PrometheusMetrics prometheus = new PrometheusMetrics();
        resources.add(prometheus);
        return new MetricsModule(prometheus, Optional.of(new MetricsEndpoint(prometheus, config.metrics().key())));
    }

    /** {@code delivery}, each attempt counted (and reminders' lag timed). */
    Delivery measured(Delivery delivery, Clock clock) {
        return new MeasuredDelivery(delivery, metrics, clock);
    }

    /**
     * The HTTP side: {@code /metrics} itself and the webhook results; and the gauges: the outbox read
     * from the store, and {@code installations}, the Slack workspaces served (one in single-workspace
     * mode; the sandbox's own workspace does not count); the group commit's totals (writes per
     * transaction is its batch size); and on SQLite the size of its write-ahead log.
     */
    void observe(List<HttpServer.Routes> routes, StoreModule store, Clock clock, IntSupplier installations) {
        endpoint.ifPresent(routes::add);
        routes.add(new WebhookResults(metrics)::addTo);
        OutboxGauges.register(metrics, store.db().jdbi(), clock);
        metrics.gauge("installations", "Slack workspaces this service is installed in",
                installations::getAsInt);
        metrics.total("group.commit.transactions", "Transactions the group commit has committed",
                store.db().writes(), w -> w.counts().transactions());
        metrics.total("group.commit.writes", "Requests' writes those transactions carried",
                store.db().writes(), w -> w.counts().writes());
        store.db().writeAheadLog().ifPresent(wal -> metrics.gauge("sqlite.wal.bytes",
                "Size of SQLite's write-ahead log file (0 when there is none)", () -> size(wal)));
    }

    private static double size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // none: no connection is open, or the last one removed it
        }
    }
}
