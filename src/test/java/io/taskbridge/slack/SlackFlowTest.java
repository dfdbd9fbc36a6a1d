package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.task.Priority;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import io.taskbridge.testing.SlackReply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /task end to end: signed requests in over loopback, calls out to a fake Slack Web API. */
class SlackFlowTest {
    RunningService svc;

    @BeforeEach
    void start() {
        svc = new RunningService();
        svc.slack.timeZone("UBOB", "Europe/Berlin");
    }

    @AfterEach
    void stop() {
        svc.close();
    }

    @Test
    void addPostsTheTaskAndDoneUpdatesItInPlace() {
        HttpResponse<String> ack = svc.requests.command(
                "add Review the Q3 report <@UALICE|alice> due tomorrow 5pm !high #finance #q3 remind 24h",
                "UBOB", "C1", "trigger-1", svc.slack.responseUrl("r1"));
        assertThat(ack.statusCode()).isEqualTo(200);

        assertThat(SlackReply.of(ack, svc.slack, "r1")).contains("#1").contains("Review the Q3 report");

        FakeSlack.Call post = svc.slack.await("chat.postMessage");
        assertThat(post.param("channel")).isEqualTo("C1");
        assertThat(json(post.param("blocks"))).contains("Review the Q3 report").contains("<@UALICE>")
                .contains(TaskMessage.DONE).contains(TaskMessage.START);
        assertThat(post.authorization()).isEqualTo("Bearer xoxb-test-token");

        Task task = svc.service.tasks().get(1);
        assertThat(task.title()).isEqualTo("Review the Q3 report");
        assertThat(task.assignee()).contains("UALICE");
        assertThat(task.priority()).isEqualTo(Priority.HIGH);
        assertThat(task.tags()).containsExactly("finance", "q3");
        assertThat(task.warning()).contains(Duration.ofHours(24));
        assertThat(task.createdBy()).isEqualTo("UBOB");
        // "tomorrow 5pm" was read in Bob's zone (Europe/Berlin), stored as an instant.
        assertThat(task.dueDate().orElseThrow().atZone(java.time.ZoneId.of("Europe/Berlin")).getHour()).isEqualTo(17);

        String ts = awaitTs(1);
        // Alice, the assignee, clicks Done (a stranger's click changes nothing: PermissionsTest).
        HttpResponse<String> click = svc.requests.interaction(click("UALICE", TaskMessage.DONE, 1, ts));
        assertThat(click.statusCode()).isEqualTo(200);
        FakeSlack.Call update = svc.slack.await("chat.update", c -> c.param("blocks").contains("Done"));
        assertThat(update.param("ts")).isEqualTo(ts);
        assertThat(update.param("channel")).isEqualTo("C1");
        assertThat(update.param("blocks")).doesNotContain(TaskMessage.DONE);
        assertThat(svc.service.tasks().get(1).status()).isEqualTo(Status.DONE);
    }

    @Test
    void aLocalTaskIsConfirmedInTheAckItself() throws Exception {
        HttpResponse<String> ack = svc.requests.command("add Water the plants", "UBOB", "C1", "t-fast",
                svc.slack.responseUrl("fast"));
        assertThat(ack.body()).contains("Created task").contains("Water the plants");
        assertThat(svc.service.tasks().count(TaskQuery.all())).isEqualTo(1);
        svc.slack.await("chat.postMessage");
        Quiescence.await(svc);
        assertThat(svc.slack.calls("response_url")).as("nothing left to say after the ack").isEmpty();
    }

    @Test
    void theSameTriggerTwiceCreatesOneTask() throws Exception {
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> ack = svc.requests.command("add Pay the invoice", "UBOB", "C1", "trigger-same",
                    svc.slack.responseUrl("r" + i));
            assertThat(SlackReply.of(ack, svc.slack, "r" + i)).contains("#1");
        }
        assertThat(svc.service.tasks().count(TaskQuery.all())).isEqualTo(1);
        svc.slack.await("chat.postMessage");
        Quiescence.await(svc);
        assertThat(svc.slack.calls("chat.postMessage")).hasSize(1);
    }

    @Test
    void badInputGetsUsageAndChangesNothing() {
        HttpResponse<String> typo = svc.requests.command("lsit", "UBOB", "C1", "t1", svc.slack.responseUrl("r1"));
        assertThat(typo.statusCode()).isEqualTo(200);
        assertThat(typo.body()).contains("/task list");

        HttpResponse<String> noId = svc.requests.command("done", "UBOB", "C1", "t2", svc.slack.responseUrl("r2"));
        assertThat(noId.body()).contains("/task done");

        svc.requests.command("show 42", "UBOB", "C1", "t3", svc.slack.responseUrl("r3"));
        assertThat(svc.slack.await("response_url", c -> c.form().get("id").equals("r3")).json().get("text").asText())
                .contains("no task #42");

        HttpResponse<String> unreadable = svc.requests.command("add Fix it due someday-ish", "UBOB", "C1", "t4",
                svc.slack.responseUrl("r4"));
        assertThat(SlackReply.of(unreadable, svc.slack, "r4")).contains("someday-ish").contains("/task add");
        assertThat(svc.service.tasks().count(TaskQuery.all())).isZero();

        HttpResponse<String> help = svc.requests.command("help", "UBOB", "C1", "t5", svc.slack.responseUrl("r5"));
        assertThat(help.body()).contains("/task add").contains("/task list").contains("/task due");
    }

    @Test
    void doneOnACanceledTaskExplains() throws Exception {
        SlackReply.of(svc.requests.command("add Old idea", "UBOB", "C1", "t1", svc.slack.responseUrl("r1")), svc.slack, "r1");
        svc.requests.command("cancel 1", "UBOB", "C1", "t2", svc.slack.responseUrl("r2"));
        svc.slack.await("response_url", c -> c.form().get("id").equals("r2"));
        String ts = awaitTs(1);

        svc.requests.interaction(click("UBOB", TaskMessage.DONE, 1, ts));
        FakeSlack.Call explained = svc.slack.await("response_url", c -> c.form().get("id").equals("click"));
        assertThat(explained.json().get("text").asText()).contains("canceled");
        assertThat(explained.json().get("response_type").asText()).isEqualTo("ephemeral");
        assertThat(explained.json().get("replace_original").asBoolean()).isFalse();
        assertThat(svc.service.tasks().get(1).status()).isEqualTo(Status.CANCELED);
    }

    @Test
    void listShowsMyOpenTasksAndOverdueOnes() {
        SlackReply.of(svc.requests.command("add Mine <@UBOB>", "UBOB", "C1", "t1", svc.slack.responseUrl("r1")),
                svc.slack, "r1");
        SlackReply.of(svc.requests.command("add Theirs <@UALICE> #finance", "UBOB", "C1", "t2",
                svc.slack.responseUrl("r2")), svc.slack, "r2");

        svc.requests.command("list", "UBOB", "C1", "t3", svc.slack.responseUrl("r3"));
        String mine = svc.slack.await("response_url", c -> c.form().get("id").equals("r3")).json().get("text").asText();
        assertThat(mine).contains("Mine").doesNotContain("Theirs");

        svc.requests.command("list #finance", "UBOB", "C1", "t4", svc.slack.responseUrl("r4"));
        String tagged = svc.slack.await("response_url", c -> c.form().get("id").equals("r4")).json().get("text").asText();
        assertThat(tagged).contains("Theirs").doesNotContain("Mine");
    }

    @Test
    void slashWithoutTextOpensTheModalAndItsSubmissionCreatesOnce() {
        svc.requests.command("", "UBOB", "C9", "trigger-modal", svc.slack.responseUrl("r1"));
        FakeSlack.Call open = svc.slack.await("views.open");
        assertThat(open.param("trigger_id")).isEqualTo("trigger-modal");
        assertThat(open.param("view")).contains(TaskModal.CALLBACK_ID).contains("C9");

        HttpResponse<String> bad = svc.requests.interaction(submission("V1", "   ", "2020-01-01"));
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("\"response_action\":\"errors\"").contains("Title is required");
        assertThat(svc.service.tasks().count(TaskQuery.all())).isZero();

        String future = Instant.now().plus(Duration.ofDays(3)).toString().substring(0, 10);
        HttpResponse<String> ok = svc.requests.interaction(submission("V1", "From the form", future));
        HttpResponse<String> again = svc.requests.interaction(submission("V1", "From the form", future));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        List<Task> made = svc.service.tasks().list(TaskQuery.all());
        assertThat(made).hasSize(1);
        assertThat(made.get(0).title()).isEqualTo("From the form");
        assertThat(made.get(0).slack().orElseThrow().channelId()).isEqualTo("C9");
        assertThat(svc.slack.await("chat.postMessage").param("channel")).isEqualTo("C9");
    }

    @Test
    void unhandledEventsAreAcknowledgedAndIgnored() {
        HttpResponse<String> r = svc.requests.event("""
                {"token":"x","team_id":"T1","api_app_id":"A1","type":"event_callback","event_id":"Ev1",
                 "event_time":1700000000,"event":{"type":"reaction_added","user":"U1","reaction":"tada",
                 "item":{"type":"message","channel":"C1","ts":"1.2"},"event_ts":"1.3"}}""");
        assertThat(r.statusCode()).isEqualTo(200);
        // Ignored: once the service is at rest, it has told Slack nothing and stored nothing.
        Quiescence.await(svc);
        assertThat(svc.slack.calls()).filteredOn(c -> !c.method().equals("auth.test")).isEmpty();
        assertThat(svc.service.tasks().count(TaskQuery.all())).isZero();
    }

    /** Slack's client escapes '<' as \\u003c; read the JSON to compare what Slack would see. */
    static String json(String raw) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(raw).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String awaitTs(long taskId) {
        return svc.awaitMessageTs(taskId);
    }

    private String click(String user, String actionId, long taskId, String messageTs) {
        return SlackPayloads.buttonClick(user, actionId, TaskMessage.ACTIONS_BLOCK + taskId, Long.toString(taskId), "C1",
                messageTs, svc.slack.responseUrl("click"));
    }

    private String submission(String viewId, String title, String date) {
        return SlackPayloads.viewSubmission("UBOB", viewId, TaskModal.CALLBACK_ID, "C9", """
                {"%s":{"%s":{"type":"plain_text_input","value":"%s"}},
                 "%s":{"%s":{"type":"datepicker","selected_date":"%s"}}}
                """.formatted(TaskModal.Field.TITLE.blockId(), TaskModal.Field.TITLE.actionId(), title,
                TaskModal.Field.DUE_DATE.blockId(), TaskModal.Field.DUE_DATE.actionId(), date));
    }
}
