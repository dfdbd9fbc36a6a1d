package io.taskbridge.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.slack.ReminderMessage;
import io.taskbridge.slack.TaskMessage;
import io.taskbridge.platform.Database;
import io.taskbridge.reminder.ReminderDao;
import io.taskbridge.reminder.ReminderRow;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import io.taskbridge.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reminders end to end: the whole service on a clock the test moves, Quartz ticking every 200 ms,
 * signed clicks in, calls out to the fake Slack Web API.
 */
class ReminderFlowTest {
    static final Instant MONDAY = Instant.parse("2026-11-23T10:00:00Z");

    TestClock clock;
    FakeSlack slack;
    RunningService svc;
    Database db;

    @BeforeEach
    void start() {
        clock = new TestClock(MONDAY);
        slack = new FakeSlack();
        slack.timeZone("UALICE", "Europe/Berlin");
        slack.timeZone("UTOKYO", "Asia/Tokyo");
        slack.timeZone("UBERLIN", "Europe/Berlin");
        String url = Databases.sqliteUrl();
        svc = new RunningService(url, Map.of("TASKBRIDGE_REMINDER_INTERVAL", "0.2"), slack, clock);
        db = Database.open(url, null, null);
    }

    @AfterEach
    void stop() {
        db.close();
        svc.close();
        slack.close();
    }

    Task create(String title, Instant due, Optional<Duration> warning, String assignee, String channel) {
        TaskDraft draft = TaskDraft.titled(title).withDueDate(Optional.of(due)).withWarning(warning)
                .withAssignee(Optional.of(assignee));
        return svc.service.tasks().create(draft, "UBOB", Optional.of(SlackPlace.channel("T1", channel)),
                Optional.empty()).task();
    }

    String awaitTs(long id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> ts = svc.service.tasks().get(id).slack().flatMap(SlackPlace::messageTs);
            if (ts.isPresent()) {
                return ts.get();
            }
            sleep(20);
        }
        throw new AssertionError("task #" + id + " was never posted");
    }

    List<ReminderRow> reminders(long taskId) {
        return db.jdbi().withExtension(ReminderDao.class, dao -> dao.ofTask(taskId));
    }

    String click(String user, String actionId, long taskId, String channel, String ts, String responseId) {
        svc.requests.interaction(SlackPayloads.buttonClick(user, actionId, ReminderMessage.ACTIONS_BLOCK + taskId,
                Long.toString(taskId), channel, ts, slack.responseUrl(responseId)));
        return slack.await("response_url", c -> c.form().get("id").equals(responseId)).json().get("text").asText();
    }

    @Test
    void theWarningIsAThreadReplyAndADmWithButtonsThatSnoozeAndComplete() {
        Instant due = MONDAY.plus(Duration.ofHours(3));
        Task task = create("Review the Q3 report", due, Optional.of(Duration.ofHours(1)), "UALICE", "C1");
        String ts = awaitTs(task.id());

        clock.set(due.minus(Duration.ofMinutes(59)));
        FakeSlack.Call reply = slack.await("chat.postMessage", c -> ts.equals(c.param("thread_ts")));
        assertThat(reply.param("channel")).isEqualTo("C1");
        assertThat(reply.param("text")).startsWith("Reminder: #" + task.id() + " Review the Q3 report is due");
        assertThat(reply.param("blocks")).contains(ReminderMessage.SNOOZE_HOUR, ReminderMessage.SNOOZE_TOMORROW,
                ReminderMessage.DONE, "@UALICE", "(in 59 min)");
        assertThat(slack.await("conversations.open").param("users")).isEqualTo("UALICE");
        FakeSlack.Call dm = slack.await("chat.postMessage", c -> "DUALICE".equals(c.param("channel")));
        assertThat(dm.param("blocks")).contains(ReminderMessage.SNOOZE_HOUR);

        // Snooze 1h from the DM: reminded again an hour later, and the DM says so.
        Instant clicked = clock.instant();
        assertThat(click("UALICE", ReminderMessage.SNOOZE_HOUR, task.id(), "DUALICE", "1700000000.000200", "s1"))
                .contains("Snoozed");
        assertThat(slack.await("response_url", c -> c.form().get("id").equals("s1")).json().get("replace_original")
                .asBoolean()).isTrue();
        ReminderRow snooze = reminders(task.id()).stream().filter(r -> r.kind().equals("snooze")).findFirst().orElseThrow();
        assertThat(snooze.recipient()).isEqualTo("UALICE");
        assertThat(snooze.fireAt()).isBetween(clicked.plus(Duration.ofHours(1)).toEpochMilli() - 1000,
                clock.instant().plus(Duration.ofHours(1)).toEpochMilli());

        // Snooze until tomorrow 9:00 in Alice's zone (Berlin): 08:00 UTC; it replaces the 1h snooze.
        click("UALICE", ReminderMessage.SNOOZE_TOMORROW, task.id(), "DUALICE", "1700000000.000200", "s2");
        assertThat(reminders(task.id())).filteredOn(r -> r.kind().equals("snooze")).singleElement()
                .extracting(ReminderRow::fireAt).isEqualTo(Instant.parse("2026-11-24T08:00:00Z").toEpochMilli());

        // Done from the thread by its assignee: the task is done, its message updated, its reminders gone.
        assertThat(click("UALICE", ReminderMessage.DONE, task.id(), "C1", reply.param("thread_ts"), "d1"))
                .contains("marked done by <@UALICE>");
        slack.await("chat.update", c -> ts.equals(c.param("ts")) && !c.param("blocks").contains(TaskMessage.DONE));
        assertThat(svc.service.tasks().get(task.id()).status()).isEqualTo(Status.DONE);
        assertThat(reminders(task.id())).isEmpty();
    }

    @Test
    void aSnoozedReminderComesBackAsADm() {
        Task task = create("Call the bank", MONDAY.plus(Duration.ofDays(2)), Optional.empty(), "UALICE", "C1");
        String ts = awaitTs(task.id());
        click("UALICE", ReminderMessage.SNOOZE_HOUR, task.id(), "C1", ts, "s1");
        clock.advance(Duration.ofMinutes(61));
        FakeSlack.Call dm = slack.await("chat.postMessage", c -> "DUALICE".equals(c.param("channel")));
        assertThat(dm.param("blocks")).contains("Reminder (snoozed)");
        assertThat(slack.calls("chat.postMessage")).filteredOn(c -> c.param("thread_ts") != null).isEmpty();
    }

    @Test
    void quietHoursHoldTheDmInTheRecipientsZoneButNotTheThreadReply() {
        // 14:30 UTC is 23:30 in Tokyo (quiet) and 15:30 in Berlin (awake).
        Instant due = Instant.parse("2026-11-23T14:30:00Z");
        Task tokyo = create("Tokyo task", due, Optional.empty(), "UTOKYO", "C2");
        Task berlin = create("Berlin task", due, Optional.empty(), "UBERLIN", "C3");
        String tokyoTs = awaitTs(tokyo.id());
        awaitTs(berlin.id());

        clock.set(due.plusSeconds(5));
        slack.await("chat.postMessage", c -> tokyoTs.equals(c.param("thread_ts")));
        slack.await("chat.postMessage", c -> "DUBERLIN".equals(c.param("channel")));
        // At rest but for the Tokyo DM, which the worker has looked at and set to wait: the decision
        // not to send it now has been made, so its absence below is not a matter of time.
        Quiescence.await(() -> {
            var pending = db.jdbi().withExtension(io.taskbridge.outbox.OutboxDao.class, dao -> dao.inState("pending", 10));
            return pending.size() == 1 && pending.get(0).lastError().filter(e -> e.contains("quiet hours of UTOKYO")).isPresent();
        }, "the Tokyo DM was never set to wait out the quiet hours");
        assertThat(slack.calls("chat.postMessage")).filteredOn(c -> "DUTOKYO".equals(c.param("channel"))).isEmpty();

        // 08:00 in Tokyo: the DM that waited goes out.
        clock.set(Instant.parse("2026-11-23T23:00:05Z"));
        FakeSlack.Call late = slack.await("chat.postMessage",
                c -> "DUTOKYO".equals(c.param("channel")) && c.param("text").startsWith("Due now"));
        assertThat(late.param("text")).contains("Tokyo task");
    }

    @Test
    void theDigestCommandSetsTheChannelsDigestAndItListsOverdueTasks() {
        svc.requests.command("digest 9:00 Europe/Berlin", "UBOB", "C7", "dg-1", slack.responseUrl("dg"));
        assertThat(slack.await("response_url").json().get("text").asText())
                .contains("Every day at 09:00 (Europe/Berlin)");
        Task late = create("Send the invoice", MONDAY.plus(Duration.ofHours(2)), Optional.empty(), "UALICE", "C7");
        awaitTs(late.id());
        clock.set(Instant.parse("2026-11-24T08:00:02Z")); // 09:00 in Berlin
        FakeSlack.Call digest = slack.await("chat.postMessage",
                c -> "C7".equals(c.param("channel")) && c.param("text").contains("overdue task"));
        assertThat(digest.param("blocks")).contains("Send the invoice").contains("#" + late.id());

        svc.requests.command("digest off", "UBOB", "C7", "dg-2", slack.responseUrl("dg2"));
        assertThat(slack.await("response_url", c -> c.form().get("id").equals("dg2")).json().get("text").asText())
                .contains("is off");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
