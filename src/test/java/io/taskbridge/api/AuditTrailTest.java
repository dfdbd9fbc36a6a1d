package io.taskbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskbridge.slack.ApprovalMessage;
import io.taskbridge.task.Status;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import io.taskbridge.testing.SlackReply;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail of a scripted scenario, driven over real signed HTTP from Slack and over the REST
 * API, read back as the export (JSON, paged, and CSV), as a task's history over REST and as
 * {@code /task history} in Slack; and refused to whoever may not see the task, to member keys for
 * the export, and across workspaces.
 */
class AuditTrailTest {
    static final String ADMIN = "admin-key-for-audit-tests-0123456789";
    static final String ALICE = "UALICE";
    static final String BOB = "UBOB";
    static final String CAROL = "UCAROL";
    static final String DAVE = "UDAVE";
    static final String MALLORY = "UMALLORY";
    static final String COMMENT = "=HYPERLINK(\"http://evil.example\",\"annex\"), see \"annex B\"";

    RunningService svc;
    ApiClient api;
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() {
        svc = new RunningService(Databases.sqliteUrl(), Map.of("TASKBRIDGE_ADMIN_KEY", ADMIN));
        api = new ApiClient(svc.service.port());
    }

    @AfterEach
    void stop() {
        svc.close();
    }

    /** The scenario: a private task made, started, re-dated over REST, reviewed, approved once, rejected over REST, done. */
    private long scenario() {
        assertThat(say(ALICE, "G1", "privategroup", "add Quarterly filing <@UBOB|bob>")).contains("Created task");
        long id = 1;
        svc.awaitMessageTs(id);
        assertThat(say(BOB, "G1", "privategroup", "start 1")).contains("#1");
        String manager = key("manager", "ops");
        assertThat(api.patch("/v1/tasks/1", manager, "{\"dueDate\":\"2027-06-01T17:00:00Z\"}").status()).isEqualTo(200);
        assertThat(say(ALICE, "G1", "privategroup", "review 1 <@UCAROL|carol> <@UDAVE|dave> all")).contains("#1");
        String value = new ApprovalMessage.Ref(1, 1, 0).value();
        HttpResponse<String> click = svc.requests.interaction(SlackPayloads.buttonClick(CAROL, ApprovalMessage.APPROVE,
                "approval_actions:" + value, value, "DCAROL", "1700000000.000100", svc.slack.responseUrl("approve")));
        assertThat(click.statusCode()).isEqualTo(200);
        assertThat(svc.service.approvals().find(1).orElseThrow().steps().get(0).responses()).hasSize(1);
        String dave = key("member", DAVE);
        ApiClient.Reply rejected = api.post("/v1/tasks/1/actionSubmission", dave,
                "{\"action\":\"REJECT\",\"comment\":" + ApiClient.JSON.valueToTree(COMMENT) + "}");
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(say(BOB, "G1", "privategroup", "done 1")).contains("#1");
        assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.DONE);
        Quiescence.await(svc);
        return id;
    }

    static final List<String> EXPECTED = List.of(
            "task.created UALICE slack \"Quarterly filing\", TODO, assigned to UBOB",
            "task.status UBOB slack TODO -> IN_PROGRESS",
            "task.rescheduled ops rest no date -> 2027-06-01T17:00:00Z",
            "task.status UALICE slack IN_PROGRESS -> REVIEW",
            "approval.requested UALICE slack round 1: step 1 all of UCAROL, UDAVE",
            "approval.answered UCAROL slack step 1 approved, still waiting for UDAVE",
            "task.status UDAVE rest REVIEW -> IN_PROGRESS",
            "approval.rejected UDAVE rest step 1 rejected",
            "approval.commented UDAVE rest " + COMMENT,
            "task.status UBOB slack IN_PROGRESS -> DONE");

    @Test
    void theExportListsEveryEventOfTheScenarioInOrderAsJsonAndCsv() {
        scenario();
        // Another workspace's task: its events are not this workspace's.
        assertThat(SlackReply.of(svc.requests.fromTeam("T2").command("add Elsewhere", "UOTHER", "C9", "t2",
                svc.slack.responseUrl("t2")), svc.slack, "t2")).contains("#2");

        ApiClient.Reply all = api.get("/v1/audit", ADMIN);
        assertThat(all.status()).isEqualTo(200);
        assertThat(lines(all.json().get("data"))).containsExactlyElementsOf(EXPECTED);
        assertThat(all.json().at("/pagination/nextCursor").isMissingNode()).isTrue();
        JsonNode first = all.json().get("data").get(0);
        assertThat(first.get("taskId").asText()).isEqualTo("1");
        assertThat(first.get("workspace").asText()).isEqualTo("T1");

        // Page by page with the cursor: the same events, in the same order.
        List<String> paged = new ArrayList<>();
        String path = "/v1/audit?limit=4";
        int pages = 0;
        while (true) {
            ApiClient.Reply page = api.get(path, ADMIN);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().get("data").size()).isLessThanOrEqualTo(4);
            paged.addAll(lines(page.json().get("data")));
            pages++;
            JsonNode next = page.json().at("/pagination/nextCursor");
            if (next.isMissingNode()) {
                assertThat(page.header("Link")).isEmpty();
                break;
            }
            assertThat(page.header("Link").orElseThrow()).contains("cursor=" + next.asText()).contains("rel=\"next\"");
            path = "/v1/audit?limit=4&cursor=" + next.asText();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(paged).containsExactlyElementsOf(EXPECTED);

        // The time window: nothing before the scenario, everything in a window around it.
        assertThat(api.get("/v1/audit?until=2000-01-01T00:00:00Z", ADMIN).json().get("data")).isEmpty();
        assertThat(api.get("/v1/audit?since=2000-01-01T00:00:00Z&until=9999-01-01T00:00:00Z", ADMIN)
                .json().get("data")).hasSize(EXPECTED.size());

        ApiClient.Reply csv = api.send("GET", "/v1/audit", Optional.of(ADMIN), Optional.empty(),
                Map.of("Accept", "text/csv"));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] rows = csv.raw().body().split("\r\n");
        assertThat(rows).hasSize(EXPECTED.size() + 1);
        assertThat(rows[0]).isEqualTo("id,at,workspace,task_id,actor,action,details,source");
        assertThat(rows[1]).matches("\\d+,\\d{4}-\\d\\d-\\d\\dT[^,]+Z,T1,1,UALICE,task.created,"
                + "\"\"\"Quarterly filing\"\", TODO, assigned to UBOB\",slack");
        // The comment begins with '=': defused with a leading quote, and quoted for its commas and quotes.
        assertThat(rows[9]).endsWith(",UDAVE,approval.commented,"
                + "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"annex\"\"), see \"\"annex B\"\"\",rest");
        assertThat(rows[10]).endsWith(",UBOB,task.status,IN_PROGRESS -> DONE,slack");
    }

    @Test
    void historyIsShownToWhoeverMaySeeTheTaskAndToNobodyElse() {
        scenario();
        // Slack: the creator sees it anywhere; a stranger hears what a task number never used answers.
        String shown = say(ALICE, "C2", "random", "history 1");
        assertThat(shown).contains("History of task #1").contains("page 1 of 1").contains("<@UALICE>")
                .contains("`task.created`").contains("`approval.commented`").contains("_(rest)_")
                .doesNotContain("More:");
        assertThat(shown.length()).isLessThan(3000);
        assertThat(say(MALLORY, "C2", "random", "history 1")).isEqualTo(":warning: There is no task #1.");
        assertThat(say(MALLORY, "C2", "random", "history 999")).isEqualTo(":warning: There is no task #999.");
        assertThat(say(ALICE, "C2", "random", "history 1 page 3")).contains("there is no page 3");
        assertThat(say(ALICE, "C2", "random", "history 1 page x")).contains("is not a page number");

        // REST: a participant's member key may read it; a stranger's member key gets 404.
        ApiClient.Reply dave = api.get("/v1/tasks/1/history", key("member", DAVE));
        assertThat(dave.status()).isEqualTo(200);
        assertThat(lines(dave.json().get("data"))).containsExactlyElementsOf(EXPECTED);
        String mallory = key("member", MALLORY);
        ApiClient.Reply refused = api.get("/v1/tasks/1/history", mallory);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.raw().body()).doesNotContain("Quarterly");
        ApiClient.Reply export = api.get("/v1/audit", mallory);
        assertThat(export.status()).isEqualTo(403);
        assertThat(export.code()).isEqualTo("permission_denied");

        // Another workspace's task does not exist for this workspace's keys, admin included.
        assertThat(SlackReply.of(svc.requests.fromTeam("T2").command("add Elsewhere", "UOTHER", "C9", "t2",
                svc.slack.responseUrl("t2")), svc.slack, "t2")).contains("#2");
        assertThat(api.get("/v1/tasks/2/history", ADMIN).status()).isEqualTo(404);
        assertThat(lines(api.get("/v1/audit", ADMIN).json().get("data"))).noneMatch(l -> l.contains("Elsewhere"));
        // ...and from a Slack user of that workspace, task 1 does not exist either.
        assertThat(SlackReply.of(svc.requests.fromTeam("T2").command("history 1", "UOTHER", "C9", "t3",
                svc.slack.responseUrl("t3")), svc.slack, "t3")).isEqualTo(":warning: There is no task #1.");
    }

    @Test
    void badWindowsAndCursorsAreRefusedNamingTheParameter() {
        ApiClient.Reply since = api.get("/v1/audit?since=yesterday", ADMIN);
        assertThat(since.status()).isEqualTo(422);
        assertThat(since.details().has("since")).isTrue();
        ApiClient.Reply until = api.get("/v1/audit?until=0000-01-01T00:00:00Z", ADMIN);
        assertThat(until.status()).isEqualTo(422);
        assertThat(until.details().has("until")).isTrue();
        ApiClient.Reply backwards = api.get("/v1/audit?since=2027-01-02T00:00:00Z&until=2027-01-01T00:00:00Z", ADMIN);
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.details().get("until").asText()).contains("after since");
        ApiClient.Reply cursor = api.get("/v1/audit?cursor=abc&limit=0", ADMIN);
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.details().has("cursor")).isTrue();
        assertThat(cursor.details().has("limit")).isTrue();
        assertThat(api.get("/v1/audit", null).status()).isEqualTo(401);
    }

    private static List<String> lines(JsonNode data) {
        List<String> out = new ArrayList<>();
        data.forEach(e -> out.add(e.get("action").asText() + " " + e.get("actor").asText() + " "
                + e.get("source").asText() + " " + e.get("details").asText()));
        return out;
    }

    private String key(String role, String principal) {
        ApiClient.Reply r = api.post("/v1/apikeys", ADMIN,
                "{\"name\":\"" + principal + "\",\"role\":\"" + role + "\",\"principal\":\"" + principal + "\"}");
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("key").asText();
    }

    private String say(String user, String channel, String channelName, String text) {
        String id = "a" + requests.incrementAndGet();
        HttpResponse<String> ack = svc.requests.command(text, user, channel, channelName, "trig-" + id,
                svc.slack.responseUrl(id));
        assertThat(ack.statusCode()).isEqualTo(200);
        return SlackReply.of(ack, svc.slack, id);
    }
}
