package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackReply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * README behaviours run end to end: signed Slack requests into the running service, the strict
 * fake Slack out, and assertions on what the people see at the end (the messages as Slack keeps
 * them, and the replies to their commands).
 */
class ReadmeBehavioursTest {
    static final String ADMIN_KEY = "readme-admin-key";
    RunningService svc;
    int n;

    @BeforeEach
    void start() {
        svc = new RunningService(Databases.sqliteUrl(), Map.of("TASKBRIDGE_ADMIN_KEY", ADMIN_KEY));
        svc.slack.timeZone("UBOB", "Europe/Berlin");
    }

    @AfterEach
    void stop() {
        svc.close();
    }

    /** Runs {@code /task text} as {@code user} in {@code channel}; gives what they were told. */
    String command(String text, String user, String channel) {
        String id = "r" + (++n);
        return SlackReply.of(svc.requests.command(text, user, channel, "t" + n, svc.slack.responseUrl(id)), svc.slack, id);
    }

    long add(String text, String user) {
        command("add " + text, user, "C1");
        return svc.service.tasks().list(io.taskbridge.task.TaskQuery.all()).stream().mapToLong(Task::id).max().orElseThrow();
    }

    FakeSlack.Message taskMessage(long id) {
        Quiescence.await(svc);
        String ts = svc.service.tasks().get(id).slack().flatMap(p -> p.messageTs()).orElseThrow();
        return svc.slack.message("C1", ts).orElseThrow();
    }

    @Test
    void assignChangesTheAssigneeAndTheMessageShowsIt() {
        long id = add("Write the minutes", "UBOB");
        assertThat(taskMessage(id).seen()).contains("Unassigned");

        assertThat(command("assign " + id + " <@UCAROL>", "UBOB", "C1")).contains("<@UCAROL>");

        assertThat(svc.service.tasks().get(id).assignee()).contains("UCAROL");
        FakeSlack.Message shown = taskMessage(id);
        assertThat(shown.seen()).contains("<@UCAROL>").doesNotContain("Unassigned");
        assertThat(svc.slack.channelMessages("C1")).as("updated in place").hasSize(1);
    }

    @Test
    void dueSetsADateInTheSendersZoneAndDueNoneRemovesIt() {
        long id = add("Send the invoice", "UBOB");
        command("due " + id + " tomorrow 9am", "UBOB", "C1");
        Instant due = svc.service.tasks().get(id).dueDate().orElseThrow();
        assertThat(due.atZone(ZoneId.of("Europe/Berlin")).getHour()).as("9am in Bob's zone").isEqualTo(9);
        assertThat(due).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofDays(2)));
        assertThat(taskMessage(id).seen()).contains("<!date^" + due.getEpochSecond());

        command("due " + id + " none", "UBOB", "C1");
        assertThat(svc.service.tasks().get(id).dueDate()).isEmpty();
        assertThat(taskMessage(id).seen()).doesNotContain("<!date^" + due.getEpochSecond());
    }

    @Test
    void listOfSomeoneAndListOverdue() {
        add("Bob's report <@UBOB>", "UCAROL");
        add("Alice's slides <@UALICE>", "UCAROL");
        long late = add("Late one <@UALICE> due in 2 hours", "UCAROL");
        // Three hours later the date has passed (a past date is refused when typed, so it is moved back in the store).
        try (io.taskbridge.platform.Database direct = io.taskbridge.platform.Database.open(svc.dbUrl, null, null)) {
            direct.jdbi().useHandle(h -> h.execute("UPDATE tasks SET due_at = ? WHERE id = ?",
                    Instant.now().minusSeconds(3600).toEpochMilli(), late));
        }

        String ofBob = command("list <@UBOB>", "UCAROL", "C1");
        assertThat(ofBob).contains("Bob's report").doesNotContain("Alice's slides").doesNotContain("Late one");
        String overdue = command("list overdue", "UCAROL", "C1");
        assertThat(overdue).contains("Late one").doesNotContain("Bob's report").doesNotContain("Alice's slides");
    }

    @Test
    void whileInReviewTheMessageHasNoDoneButtonAndDoneExplains() {
        long id = add("Contract", "UBOB");
        assertThat(taskMessage(id).actionIds()).contains(TaskMessage.DONE);

        command("review " + id + " <@UALICE>", "UBOB", "C1");
        assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.REVIEW);
        assertThat(taskMessage(id).actionIds()).doesNotContain(TaskMessage.DONE);
        assertThat(command("done " + id, "UBOB", "C1")).contains("waiting for approval");
        assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.REVIEW);
        // The approver was asked by DM, and sees the request.
        assertThat(svc.slack.channelMessages("DUALICE")).singleElement()
                .satisfies(m -> assertThat(m.seen()).contains("Contract"));
    }

    @Test
    void aMissingChannelMakesThePostDeadAndTellsTheCreator() throws Exception {
        svc.slack.missingChannel("CGONE");
        svc.slack.expectRefusal("channel_not_found");
        command("add Lost in space", "UBOB", "CGONE");
        FakeSlack.Message dm = svc.slack.awaitMessage(m -> m.channel().equals("DUBOB"));
        assertThat(dm.seen()).contains("/invite @Taskbridge");
        Quiescence.await(() -> pendingRows() == 0, "the dead post and the DM never settled");
        assertThat(svc.slack.channelMessages("CGONE")).isEmpty();
        assertThat(svc.slack.refusals()).extracting(FakeSlack.Refusal::error).containsExactly("channel_not_found");
        JsonNode dead = admin("?state=dead");
        assertThat(dead.get("rows")).singleElement().satisfies(r -> assertThat(r.get("lastError").asText())
                .contains("channel_not_found"));
    }

    @Test
    void adminOutboxListsPendingRowsAndHonoursLimit() throws Exception {
        for (int i = 0; i < 3; i++) {
            svc.slack.failNext("chat.postMessage", new FakeSlack.Failure.ServerError(503));
        }
        add("One", "UBOB");
        add("Two", "UBOB");
        add("Three", "UBOB");
        Quiescence.await(() -> svc.slack.calls("chat.postMessage").size() >= 3 && admin("?state=pending").get("rows").size() == 3,
                "three rows never waited for a retry");
        JsonNode pending = admin("?state=pending");
        assertThat(pending.get("rows")).hasSize(3)
                .allSatisfy(r -> assertThat(r.get("lastError").asText()).isEqualTo("http_503"));
        assertThat(admin("?state=pending&limit=2").get("rows")).hasSize(2);
        assertThat(status("?state=pending&limit=501")).as("limit up to 500").isEqualTo(400);
        assertThat(status("?state=pending&limit=500")).isEqualTo(200);
    }

    int pendingRows() {
        try {
            return admin("?state=pending").get("rows").size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode admin(String query) {
        try {
            HttpResponse<String> r = get(query);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return new ObjectMapper().readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    int status(String query) throws Exception {
        return get(query).statusCode();
    }

    HttpResponse<String> get(String query) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + svc.service.port() + "/admin/outbox" + query))
                .header("Authorization", "Bearer " + ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
    }
}
