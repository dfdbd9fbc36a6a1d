package io.taskbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.FakeWorkiva;
import io.taskbridge.testing.RunningService;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The poller end to end: a channel connected to a fake Workiva, a task created from Slack, changes
 * made in Workiva showing up as an updated Slack message, a thread note and a subscribed channel's
 * notice; an outage that loses nothing; requests per poll that grow with changes only.
 */
class WorkivaPollingTest {

    static Map<String, String> env(FakeWorkiva fake) {
        return Map.of("WORKIVA_BASE_URL", fake.baseUrl(), "WORKIVA_CLIENT_ID", FakeWorkiva.CLIENT_ID,
                "WORKIVA_CLIENT_SECRET", FakeWorkiva.CLIENT_SECRET, "WORKIVA_API_VERSION", "2026-01-01",
                "WORKIVA_USER_ID", FakeWorkiva.CLIENT_USER,
                "TASKBRIDGE_POLL_INTERVAL", "1h", "TASKBRIDGE_ADMINS", "UADMIN,UB");
    }

    static String reply(RunningService svc, String id) {
        return svc.slack.await("response_url", c -> c.form().get("id").equals(id)).json().get("text").asText();
    }

    static String command(RunningService svc, String text, String user, String channel) {
        String key = "k" + Math.abs((text + user + channel + System.nanoTime()).hashCode());
        svc.requests.command(text, user, channel, key, svc.slack.responseUrl(key));
        return reply(svc, key);
    }

    /** A poll now; the scheduled first poll may be running at the same moment, so yield to it once. */
    static io.taskbridge.sync.Poller.Report poll(RunningService svc) {
        io.taskbridge.sync.Poller.Report r = svc.service.pollNow("workiva");
        for (int i = 0; i < 20 && !r.ok() && r.failure().orElse("").contains("another poll"); i++) {
            r = svc.service.pollNow("workiva");
        }
        return r;
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void changesInWorkivaReachTheTaskMessageTheThreadAndSubscribers(Databases.Kind kind) throws Exception {
        try (FakeWorkiva fake = new FakeWorkiva();
             RunningService svc = new RunningService(Databases.url(kind), env(fake), List.of(), new FakeSlack())) {
            assertThat(command(svc, "connect workiva", "UADMIN", "C1")).contains("go to Workiva");
            assertThat(command(svc, "link <@UA> VA", "UADMIN", "C1")).contains("<@UA> is `VA` in Workiva");
            assertThat(command(svc, "subscribe workiva", "UB", "C2")).contains("hears about Workiva changes");

            HttpResponse<String> ack = svc.requests.command("add Budget review <@UA> due in 3 days", "UC", "C1", "t-add",
                    svc.slack.responseUrl("add"));
            assertThat(ack.body()).contains("Creating in Workiva");
            assertThat(reply(svc, "add")).contains("Created task").contains("Budget review").contains("lives in Workiva");
            FakeWorkiva.Task remote = fake.tasks().get(0);
            assertThat(remote.assignees).containsExactly("VA");
            Task local = svc.service.tasks().list(TaskQuery.all()).get(0);
            assertThat(local.assignee()).contains("UA");
            FakeSlack.Call posted = svc.slack.await("chat.postMessage", c -> "C1".equals(c.param("channel"))
                    && c.param("thread_ts") == null);
            assertThat(poll(svc).ok()).isTrue();

            // Someone in Workiva sends it to review (both must approve) and one approver answers.
            fake.edit(remote.id, t -> {
                t.status = "Awaiting Approval";
                FakeWorkiva.addStep(t, "ALL", "VA", "VX");
            });
            fake.edit(remote.id, t -> fake.respond(t, "VA", "APPROVE", "Numbers add up"));
            fake.clearSeen();
            Poller.Report report = poll(svc);
            assertThat(report.ok()).isTrue();
            assertThat(report.changed()).isEqualTo(1);
            assertThat(fake.count("GET", "/tasks")).isEqualTo(1);

            assertThat(svc.service.tasks().get(local.id()).status()).isEqualTo(Status.REVIEW);
            String postedTs = svc.slack.channelMessages("C1").get(0).ts();
            svc.slack.await("chat.update", c -> "C1".equals(c.param("channel")) && postedTs.equals(c.param("ts"))
                    && c.param("blocks").contains("In review"));
            assertThat(svc.slack.channelMessages("C1")).as("updated in place, not posted again").singleElement()
                    .satisfies(m -> assertThat(m.seen()).contains("In review").contains("Budget review"));
            svc.slack.await("chat.postMessage", c -> "C1".equals(c.param("channel")) && c.param("thread_ts") != null
                    && c.param("text").contains("approved by <@UA>") && c.param("text").contains("Numbers add up"));
            FakeSlack.Call notice = svc.slack.await("chat.postMessage", c -> "C2".equals(c.param("channel")));
            assertThat(notice.param("text")).contains("Budget review").contains("Created → *Awaiting Approval*")
                    .contains("approved by <@UA>");

            // Nothing changed: one request, no notices.
            int before = svc.slack.calls("chat.postMessage").size();
            fake.clearSeen();
            assertThat(poll(svc).changed()).isZero();
            assertThat(fake.count("GET", "/tasks")).isEqualTo(1);
            io.taskbridge.testing.Quiescence.await(svc);
            assertThat(svc.slack.calls("chat.postMessage")).hasSize(before);
        }
    }

    /**
     * Pages of 1000, 2026-01-01's documented maximum: 2001 changed tasks come in three pages, the
     * second and third asked for by the previous page's {@code @nextLink}; then one change is one request.
     */
    @Test
    void aPollFollowsNextLinkAcrossPagesOfAThousand() {
        try (FakeWorkiva fake = new FakeWorkiva();
             RunningService svc = new RunningService(Databases.sqliteUrl(), env(fake), List.of(), new FakeSlack())) {
            assertThat(poll(svc).ok()).isTrue(); // the first poll: nothing in Workiva yet
            List<FakeWorkiva.Task> seeded = new java.util.ArrayList<>();
            for (int i = 0; i < 2001; i++) {
                seeded.add(fake.seed("Task " + i, "Created", "VA"));
            }
            fake.clearSeen();
            assertThat(poll(svc).ok()).isTrue();
            assertThat(svc.service.tasks().count(TaskQuery.all())).isEqualTo(2001);
            List<String> lists = fake.seen().stream().filter(s -> s.method().equals("GET") && s.path().equals("/tasks"))
                    .map(FakeWorkiva.Seen::query).toList();
            assertThat(lists).allSatisfy(q -> assertThat(q).contains("$maxpagesize=1000"));
            assertThat(lists).as("pages of 1000, each after the first from the last one's @nextLink")
                    .anySatisfy(q -> assertThat(q).doesNotContain("$next="))
                    .anySatisfy(q -> assertThat(q).contains("$next=1000"))
                    .anySatisfy(q -> assertThat(q).contains("$next=2000"))
                    .noneSatisfy(q -> assertThat(q).contains("$next=3000"));

            fake.edit(seeded.get(5).id, t -> t.title = "Renamed");
            fake.clearSeen();
            assertThat(poll(svc).changed()).isEqualTo(1);
            assertThat(fake.count("GET", "/tasks")).as("one change, one page").isEqualTo(1);
        }
    }

    @Test
    void aStrictLifecycleRefusalIsStillRecordedBecauseWorkivaIsTheTruth() {
        try (FakeWorkiva fake = new FakeWorkiva();
             RunningService svc = new RunningService(Databases.sqliteUrl(), env(fake), List.of(), new FakeSlack())) {
            FakeWorkiva.Task t = fake.seed("Close the books", "Completed", "VA");
            poll(svc);
            long id = svc.service.tasks().list(TaskQuery.all()).get(0).id();
            assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.DONE);
            fake.edit(t.id, x -> x.status = "Reworking"); // DONE → IN_PROGRESS: refused by our lifecycle
            poll(svc);
            assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.IN_PROGRESS);
            fake.edit(t.id, x -> x.due = "2020-01-01T00:00:00Z"); // a due date in the past, because Workiva says so
            poll(svc);
            assertThat(svc.service.tasks().get(id).dueDate()).contains(java.time.Instant.parse("2020-01-01T00:00:00Z"));
        }
    }

    @Test
    void tenMinutesDownLosesNothing() {
        try (FakeWorkiva fake = new FakeWorkiva();
             RunningService svc = new RunningService(Databases.sqliteUrl(), env(fake), List.of(), new FakeSlack())) {
            FakeWorkiva.Task a = fake.seed("A", "Created", "VA");
            FakeWorkiva.Task b = fake.seed("B", "Created", "VA");
            assertThat(poll(svc).ok()).isTrue();
            command(svc, "subscribe workiva", "UB", "C2");
            fake.down(true);
            // Ten polls a minute apart, every one failing, while people keep working in Workiva.
            for (int minute = 0; minute < 10; minute++) {
                if (minute == 2) {
                    fake.edit(a.id, t -> t.status = "Started");
                }
                if (minute == 6) {
                    fake.edit(b.id, t -> t.title = "B, renamed");
                }
                assertThat(poll(svc).ok()).isFalse();
            }
            fake.seed("C", "Created", null);
            fake.down(false);
            Poller.Report back = poll(svc);
            assertThat(back.ok()).isTrue();
            assertThat(back.changed()).isEqualTo(3);
            assertThat(svc.service.tasks().list(TaskQuery.all())).extracting(Task::title)
                    .containsExactlyInAnyOrder("A", "B, renamed", "C");
            svc.slack.await("chat.postMessage", c -> "C2".equals(c.param("channel")) && c.param("text").contains("Started"));
            svc.slack.await("chat.postMessage", c -> "C2".equals(c.param("channel")) && c.param("text").contains("renamed from"));
            svc.slack.await("chat.postMessage", c -> "C2".equals(c.param("channel")) && c.param("text").contains("created"));
            assertThat(poll(svc).changed()).isZero();
            assertThat(Optional.of(fake.tokensIssued())).contains(1);
        }
    }

    @Test
    void aSlowWorkivaNeverDelaysTheAckAndDecisionsReachItsActionSubmission() throws Exception {
        try (FakeWorkiva fake = new FakeWorkiva();
             RunningService svc = new RunningService(Databases.sqliteUrl(), env(fake), List.of(), new FakeSlack())) {
            command(svc, "connect workiva", "UADMIN", "C1");
            command(svc, "link <@UA> VA", "UADMIN", "C1");
            poll(svc);
            // Workiva holds the create unanswered until the ack is in: the ack cannot have waited for it.
            java.util.concurrent.CountDownLatch workivaAnswers = new java.util.concurrent.CountDownLatch(1);
            fake.failNext(new io.taskbridge.testing.FakeTaskServer.Failure.HoldUntil(workivaAnswers));
            HttpResponse<String> ack = svc.requests.command("add Slow one <@UA>", "UC", "C1", "t-slow", svc.slack.responseUrl("slow"));
            assertThat(ack.statusCode()).isEqualTo(200);
            assertThat(ack.body()).contains("Creating in Workiva");
            assertThat(fake.tasks()).isEmpty();
            assertThat(svc.slack.calls("response_url")).noneMatch(c -> c.form().get("id").equals("slow"));
            workivaAnswers.countDown();
            assertThat(reply(svc, "slow")).contains("Created task").contains("Slow one");
            long id = svc.service.tasks().list(TaskQuery.all()).get(0).id();
            String external = fake.tasks().get(0).id;

            // An approval decided in Slack is handed to Workiva's actionSubmission through the outbox.
            // Workiva takes it only for a task awaiting approval whose step has the client as a
            // participant: /task review sets that up there first (WorkivaReviewTest).
            command(svc, "review " + id + " <@UR>", "UC", "C1");
            String requestTs = svc.slack.awaitButtonFor("UR", io.taskbridge.slack.ApprovalMessage.APPROVE).ts();
            svc.requests.interaction(io.taskbridge.testing.SlackPayloads.buttonClick("UR", io.taskbridge.slack.ApprovalMessage.APPROVE,
                    "approval_actions:" + id, id + ":1:0", "DUR", requestTs, svc.slack.responseUrl("click")));
            svc.slack.awaitMessage(m -> m.channel().equals("DUR") && m.seen().contains("approved"));
            io.taskbridge.testing.Quiescence.await(svc);
            assertThat(fake.seen()).filteredOn(x -> x.path().endsWith("/actionSubmission")).extracting(x -> x.body())
                    .as("the review's SUBMIT, then the decision").hasSize(2)
                    .satisfies(b -> assertThat(b.get(0)).contains("\"action\":\"SUBMIT\""))
                    .satisfies(b -> assertThat(b.get(1)).contains("\"action\":\"APPROVE\""));
            assertThat(fake.task(external).status).isEqualTo("Approved");
        }
    }
}
