package io.taskbridge.outbox;

import static io.taskbridge.testing.Scrape.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskbridge.platform.Json;
import io.taskbridge.platform.PrometheusMetrics;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.ReminderKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every delivery attempt is counted by destination, kind and result without changing its outcome;
 * a delivered reminder is timed from its fire time; reminder rows queued before the fire time was
 * recorded still read.
 */
class MeasuredDeliveryTest {
    static final Instant NOW = Instant.parse("2026-11-23T10:05:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void eachOutcomeIsCountedAndPassedOn() {
        try (PrometheusMetrics metrics = new PrometheusMetrics()) {
            OutboxMessage post = new OutboxMessage.TaskMessage(1);
            OutboxMessage decision = new OutboxMessage.BackendDecision(1, "workiva", "w-1", "APPROVE", "ok", "U1");
            Delivery.Outcome limited = new Delivery.Outcome.WaitFor(Duration.ofSeconds(3), OutboxWorker.RATE_LIMITED);
            Delivery.Outcome quiet = new Delivery.Outcome.WaitFor(Duration.ofHours(1), "quiet hours of U1");
            Delivery.Outcome dead = new Delivery.Outcome.Failed("channel_not_found", false);

            assertThat(deliver(metrics, post, limited)).isSameAs(limited);
            assertThat(deliver(metrics, post, quiet)).isSameAs(quiet);
            assertThat(deliver(metrics, post, dead)).isSameAs(dead);
            deliver(metrics, post, new Delivery.Outcome.Failed("timeout", true));
            deliver(metrics, post, new Delivery.Outcome.Delivered());
            deliver(metrics, decision, new Delivery.Outcome.WaitFor(Duration.ofSeconds(30), "workiva asked us to wait"));
            deliver(metrics, decision, new Delivery.Outcome.Delivered());

            String m = metrics.scrape();
            String family = "taskbridge_outbox_deliveries_total";
            assertThat(value(m, family, "destination", "slack", "kind", "task_message", "result", "rate_limited")).isEqualTo(1);
            assertThat(value(m, family, "destination", "slack", "kind", "task_message", "result", "deferred")).isEqualTo(1);
            assertThat(value(m, family, "destination", "slack", "kind", "task_message", "result", "refused")).isEqualTo(1);
            assertThat(value(m, family, "destination", "slack", "kind", "task_message", "result", "failed")).isEqualTo(1);
            assertThat(value(m, family, "destination", "slack", "kind", "task_message", "result", "delivered")).isEqualTo(1);
            assertThat(value(m, family, "destination", "workiva", "kind", "backend_decision", "result", "rate_limited")).isEqualTo(1);
            assertThat(value(m, family, "destination", "workiva", "kind", "backend_decision", "result", "delivered")).isEqualTo(1);
            assertThat(value(m, "taskbridge_reminder_lag_seconds_count")).isZero();
        }
    }

    @Test
    void anExceptionIsCountedAsAnErrorAndStillThrown() {
        try (PrometheusMetrics metrics = new PrometheusMetrics()) {
            MeasuredDelivery measured = new MeasuredDelivery(a -> {
                throw new IllegalStateException("boom");
            }, metrics, clock);
            assertThatThrownBy(() -> measured.deliver(new Delivery.Attempt(1, 0, NOW, new OutboxMessage.Notice("U1", "hi"), new WorkspaceId("T1"))))
                    .hasMessage("boom");
            assertThat(value(metrics.scrape(), "taskbridge_outbox_deliveries_total", "kind", "notice", "result", "error"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aDeliveredReminderIsTimedFromItsFireTimeAndAWaitingOneIsNot() {
        try (PrometheusMetrics metrics = new PrometheusMetrics()) {
            Instant fired = NOW.minus(Duration.ofSeconds(90));
            deliver(metrics, new OutboxMessage.ReminderReply(1, ReminderKind.DUE, false, Optional.of(fired)),
                    new Delivery.Outcome.Delivered());
            deliver(metrics, new OutboxMessage.ReminderDm(1, ReminderKind.DUE, "U1", Optional.of(fired)),
                    new Delivery.Outcome.WaitFor(Duration.ofHours(8), "quiet hours of U1"));
            deliver(metrics, new OutboxMessage.ReminderDm(1, ReminderKind.DUE, "U1", Optional.empty()),
                    new Delivery.Outcome.Delivered());

            String m = metrics.scrape();
            assertThat(value(m, "taskbridge_reminder_lag_seconds_count")).isEqualTo(1);
            assertThat(value(m, "taskbridge_reminder_lag_seconds_sum")).isEqualTo(90);
            assertThat(value(m, "taskbridge_reminder_lag_seconds_bucket", "le", "60.0")).isZero();
            assertThat(value(m, "taskbridge_reminder_lag_seconds_bucket", "le", "120.0")).isEqualTo(1);
        }
    }

    @Test
    void reminderRowsCarryTheirFireTimeAndOlderRowsStillRead() {
        OutboxCodec codec = new OutboxCodec(Json.mapper());
        OutboxMessage reply = new OutboxMessage.ReminderReply(7, ReminderKind.WARNING, true, Optional.of(NOW));
        OutboxMessage dm = new OutboxMessage.ReminderDm(7, ReminderKind.SNOOZE, "U1", Optional.of(NOW));
        assertThat(codec.read(reply.kind(), codec.write(reply))).isEqualTo(reply);
        assertThat(codec.read(dm.kind(), codec.write(dm))).isEqualTo(dm);

        assertThat(codec.read("reminder_reply", "{\"taskId\":7,\"reminder\":\"DUE\",\"broadcast\":false}"))
                .isEqualTo(new OutboxMessage.ReminderReply(7, ReminderKind.DUE, false, Optional.empty()));
        assertThat(codec.read("reminder_dm", "{\"taskId\":7,\"reminder\":\"DUE\",\"user\":\"U1\",\"fireAt\":null}"))
                .isEqualTo(new OutboxMessage.ReminderDm(7, ReminderKind.DUE, "U1", Optional.empty()));
    }

    private Delivery.Outcome deliver(PrometheusMetrics metrics, OutboxMessage message, Delivery.Outcome outcome) {
        return new MeasuredDelivery(a -> outcome, metrics, clock).deliver(new Delivery.Attempt(1, 0, NOW, message, new WorkspaceId("T1")));
    }
}
