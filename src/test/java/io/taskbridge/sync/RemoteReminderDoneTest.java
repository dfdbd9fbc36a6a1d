package io.taskbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.slack.ReminderMessage;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeAwork;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.FakeTaskApi;
import io.taskbridge.testing.FakeTaskServer;
import io.taskbridge.testing.FakeWorkiva;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import io.taskbridge.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A reminder's Done button on a task held in a task system completes it there, as {@code /task done}
 * does: the reminder fires on the service's clock into the task's thread, the assignee clicks Done
 * (a signed {@code block_actions} over HTTP), and the fake task system holds the task as done; the
 * task here follows from what the system answered.
 */
class RemoteReminderDoneTest {
    static final Instant MONDAY = Instant.parse("2026-11-23T10:00:00Z");

    /** What differs per task system: its settings, its fake, and how the fake says "done". */
    private record System(String connection, Map<String, String> env, String linkedAs, Supplier<String> remoteStatus) {}

    @Test
    void doneOnAWorkivaTaskCompletesItInWorkiva() {
        try (FakeWorkiva fake = new FakeWorkiva()) {
            Map<String, String> env = new HashMap<>(WorkivaPollingTest.env(fake));
            clickDone(new System("workiva", env, "VA", () -> fake.tasks().get(0).status), fake, () -> { });
            assertThat(fake.tasks().get(0).status).isEqualTo("Completed");
        }
    }

    @Test
    void doneOnAnAworkTaskCompletesItInAwork() {
        try (FakeAwork fake = new FakeAwork()) {
            Map<String, String> env = Map.of("AWORK_API_KEY", FakeAwork.KEY, "AWORK_BASE_URL", fake.baseUrl(), "AWORK_PROJECT_ID", FakeAwork.PROJECT,
                    "TASKBRIDGE_POLL_INTERVAL", "1h", "TASKBRIDGE_ADMINS", "UADMIN");
            clickDone(new System("awork", env, "11111111-1111-1111-1111-111111111111",
                    () -> fake.tasks().get(0).statusId), fake, () -> { });
            assertThat(fake.tasks().get(0).statusId).isEqualTo("s-done");
        }
    }

    @Test
    void doneOnATaskApiTaskCompletesItThere() {
        try (FakeTaskApi fake = new FakeTaskApi()) {
            Map<String, String> env = Map.of("TASKAPI_BASE_URL", fake.baseUrl(), "TASKAPI_TOKEN", FakeTaskApi.TOKEN,
                    "TASKBRIDGE_POLL_INTERVAL", "1h", "TASKBRIDGE_ADMINS", "UADMIN");
            // Seed 001 reaches DONE only from REVIEW: the task is sent to review in the task system first.
            clickDone(new System("taskapi", env, "u-alice", () -> fake.tasks().get(0).status), fake,
                    () -> fake.edit(fake.tasks().get(0).id, t -> t.status = "REVIEW"));
            assertThat(fake.tasks().get(0).status).isEqualTo("DONE");
        }
    }

    private void clickDone(System system, FakeTaskServer fake, Runnable prepare) {
        TestClock clock = new TestClock(MONDAY);
        Map<String, String> env = new HashMap<>(system.env());
        env.put("TASKBRIDGE_REMINDER_INTERVAL", "0.2");
        try (FakeSlack slack = new FakeSlack();
             RunningService svc = new RunningService(Databases.sqliteUrl(), env, slack, clock)) {
            slack.timeZone("UA", "Europe/Berlin");
            slack.timeZone("UC", "Europe/Berlin");
            assertThat(WorkivaPollingTest.command(svc, "connect " + system.connection(), "UADMIN", "C1"))
                    .contains("go to");
            WorkivaPollingTest.command(svc, "link <@UA> " + system.linkedAs(), "UADMIN", "C1");
            assertThat(WorkivaPollingTest.command(svc, "add Close the books <@UA> due in 2 days", "UC", "C1"))
                    .contains("Created task");
            Task task = svc.service.tasks().list(TaskQuery.all()).get(0);
            String ts = svc.awaitMessageTs(task.id());
            prepare.run();
            assertThat(svc.poll(system.connection()).ok()).isTrue();
            assertThat(system.remoteStatus().get()).isNotIn("Completed", "s-done", "DONE");

            // The due reminder: a reply in the task's thread with the Done button.
            clock.set(task.dueDate().orElseThrow().plusSeconds(1));
            FakeSlack.Call reminder = slack.await("chat.postMessage",
                    c -> ts.equals(c.param("thread_ts")) && c.param("blocks").contains(ReminderMessage.DONE));
            svc.requests.interaction(SlackPayloads.buttonClick("UA", ReminderMessage.DONE,
                    ReminderMessage.ACTIONS_BLOCK + task.id(), Long.toString(task.id()), "C1",
                    reminder.param("ts") == null ? "1700000001.000100" : reminder.param("ts"),
                    slack.responseUrl("done")));
            String answer = slack.await("response_url", c -> c.form().get("id").equals("done")).json()
                    .get("text").asText();
            assertThat(answer).contains("marked done by <@UA>");
            Quiescence.await(svc);
            assertThat(svc.service.tasks().get(task.id()).status()).isEqualTo(Status.DONE);
        }
    }
}
