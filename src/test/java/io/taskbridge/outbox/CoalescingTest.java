package io.taskbridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * README: "Several updates to one task become one post or chat.update with the task as it is now."
 * While Slack holds the first post, the task changes three times; afterwards there is one message,
 * showing the last state, and no more than one update.
 */
class CoalescingTest {
    @Test
    void updatesWhileAPostIsUnderWayBecomeOneUpdateOfTheTaskAsItIsNow() {
        try (RunningService svc = new RunningService()) {
            svc.slack.failNext("chat.postMessage", new FakeSlack.Failure.Hang(Duration.ofSeconds(2)));
            Task task = svc.service.tasks().create(TaskDraft.titled("First title"), "UBOB",
                    Optional.of(SlackPlace.channel("T1", "C1")), Optional.empty()).task();
            svc.slack.await("chat.postMessage");
            for (String title : new String[] {"Second title", "Third title", "Final title"}) {
                svc.service.tasks().change(task.id(), "UBOB", d -> d.withTitle(title));
            }
            Quiescence.await(svc);

            assertThat(svc.slack.calls("chat.postMessage")).hasSize(1);
            assertThat(svc.slack.calls("chat.update")).as("three changes, at most one update").hasSizeLessThanOrEqualTo(1);
            assertThat(svc.slack.channelMessages("C1")).singleElement()
                    .satisfies(m -> assertThat(m.seen()).contains("Final title").doesNotContain("Third title"));
        }
    }
}
