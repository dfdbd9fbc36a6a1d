package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.recurring.Recurrence;
import io.taskbridge.recurring.Series;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import java.net.http.HttpResponse;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The creation form's Repeats input starts a series in the creator's zone, and says inline what it can't read. */
class RecurringFormTest {

    private static String values(String title, String repeats) {
        return """
                {"%s":{"%s":{"type":"plain_text_input","value":"%s"}},
                 "%s":{"%s":{"type":"plain_text_input","value":"%s"}}}
                """.formatted(TaskModal.Field.TITLE.blockId(), TaskModal.Field.TITLE.actionId(), title,
                TaskModal.Field.REPEATS.blockId(), TaskModal.Field.REPEATS.actionId(), repeats);
    }

    @Test
    void theFormStartsASeriesOrSaysWhatItCouldNotRead() {
        try (RunningService svc = new RunningService()) {
            HttpResponse<String> bad = svc.requests.interaction(SlackPayloads.viewSubmission("UBOB", "V1",
                    TaskModal.CALLBACK_ID, "C1|PUBLIC|Europe/Berlin", values("Stand-up notes", "every blursday")));
            assertThat(bad.body()).contains("\"response_action\":\"errors\"").contains(TaskModal.Field.REPEATS.blockId())
                    .contains("every weekday 9:30");
            assertThat(svc.service.tasks().find(1)).isEmpty();

            HttpResponse<String> ok = svc.requests.interaction(SlackPayloads.viewSubmission("UBOB", "V2",
                    TaskModal.CALLBACK_ID, "C1|PUBLIC|Europe/Berlin", values("Stand-up notes", "every weekday 9:30")));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).doesNotContain("errors");
            Series series = svc.service.recurring().ofTask(new WorkspaceId("T1"), 1).orElseThrow();
            assertThat(series.rule()).isEqualTo(Recurrence.weekly(1, Recurrence.WEEKDAYS).at(LocalTime.of(9, 30)));
            assertThat(series.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
            assertThat(series.createdBy()).isEqualTo("UBOB");
            var due = svc.service.tasks().get(1).dueDate().orElseThrow().atZone(ZoneId.of("Europe/Berlin"));
            assertThat(due.toLocalTime()).isEqualTo(LocalTime.of(9, 30));
            assertThat(Recurrence.WEEKDAYS).contains(due.getDayOfWeek());
            svc.awaitMessageTs(1);
        }
    }
}
