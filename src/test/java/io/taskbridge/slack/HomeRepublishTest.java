package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import io.taskbridge.testing.SlackReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The App Home is published again after changes that touch the person's tasks, through the outbox and
 * debounced: a burst of changes is one {@code views.publish}; someone who never opened their home gets none.
 */
class HomeRepublishTest {
    RunningService svc;

    @BeforeEach
    void start() {
        svc = new RunningService();
    }

    @AfterEach
    void stop() {
        svc.close();
    }

    @Test
    void aBurstOfFiveChangesIsOnePublishAndNobodyElseGetsOne() {
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
