package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.testing.Databases;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import io.taskbridge.testing.SlackReply;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The App Home is published again after changes that touch the person's tasks, through the outbox and
 * debounced: a burst of changes is one {@code views.publish}; someone who never opened their home gets none.
 * On SQLite and PostgreSQL alike (the waiting row's upsert keeps its due time on both).
 */
class HomeRepublishTest {

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aBurstOfFiveChangesIsOnePublishAndNobodyElseGetsOne(Databases.Kind kind) {
        try (RunningService svc = new RunningService(Databases.url(kind), Map.of())) {
            burst(svc);
        }
    }

    private static void burst(RunningService svc) {
        svc.requests.event(SlackPayloads.appHomeOpened("T1", "UALICE", "EvHome1"));
        svc.slack.await("views.publish");
        Quiescence.await(svc);
        assertThat(svc.slack.homes("UALICE")).hasSize(1);

        // Five changes for Alice within moments of each other, by Bob, who never opened his home.
        for (int i = 1; i <= 5; i++) {
            String id = "b" + i;
            SlackReply.of(svc.requests.command("add Burst item " + i + " <@UALICE|alice>", "UBOB", "C1", "general",
                    "trigger-" + id, svc.slack.responseUrl(id)), svc.slack, id);
        }
        Quiescence.await(svc);

        assertThat(svc.slack.homes("UALICE")).hasSize(2);
        assertThat(svc.slack.homes("UALICE").get(1).param("view")).contains("Burst item 1").contains("Burst item 5");
        assertThat(svc.slack.homes("UBOB")).isEmpty();
        assertThat(svc.slack.calls("views.publish")).hasSize(2);
    }
}
