package io.taskbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskbridge.approval.ApprovalPlan;
import io.taskbridge.approval.CompletionMode;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST half of issue 14, over HTTP with real keys: a member key reads public tasks and its
 * principal's own, changes and deletes only those its principal created or holds, may not post to
 * Slack; a manager may; only an admin key manages keys. Every answer is checked against openapi.json.
 */
class ApiPermissionsTest {
    private static final String ADMIN = "admin-key-for-permission-tests-0123";

    private RunningService svc;
    private ApiClient api;
    private String member;
    private String manager;
    private final AtomicInteger commands = new AtomicInteger();

    @BeforeEach
    void start() {
        svc = new RunningService(Databases.sqliteUrl(), Map.of("TASKBRIDGE_ADMIN_KEY", ADMIN, "TASKBRIDGE_API_RATE", "100000"));
        api = new ApiClient(svc.service.port());
        member = key("member", "UALICE");
        manager = key("manager", "ops");
    }

    @AfterEach
    void stop() {
        svc.close();
    }

    @Test
    void aMemberKeyCannotChangeOrDeleteAnotherPrincipalsTask() {
        long theirs = created(api.post("/v1/tasks", manager, "{\"title\":\"Audit the books\"}"));
        ApiClient.Reply patch = api.patch("/v1/tasks/" + theirs, member, "{\"title\":\"Mine now\"}");
        assertThat(patch.status()).isEqualTo(403);
        assertThat(patch.code()).isEqualTo("permission_denied");
        assertThat(patch.json().at("/error/message").asText()).isEqualTo(
                "A member key can change only tasks its principal created or is assigned to; task " + theirs
                        + " is not one of them.");
        ApiClient.Reply delete = api.delete("/v1/tasks/" + theirs, member);
        assertThat(delete.status()).isEqualTo(403);
        assertThat(delete.json().at("/error/message").asText()).startsWith("A member key can delete only tasks");
        JsonNode still = api.get("/v1/tasks/" + theirs, manager).json();
        assertThat(still.get("title").asText()).isEqualTo("Audit the books");

        // Its own, and one assigned to its principal, it may change and delete; a manager any.
        long own = created(api.post("/v1/tasks", member, "{\"title\":\"Expense report\"}"));
        assertThat(api.patch("/v1/tasks/" + own, member, "{\"title\":\"Expense report Q3\"}").status()).isEqualTo(200);
        long held = created(api.post("/v1/tasks", manager, "{\"title\":\"Call the auditor\",\"assigneeId\":\"UALICE\"}"));
        assertThat(api.patch("/v1/tasks/" + held, member, "{\"title\":\"Call the auditor today\"}").status()).isEqualTo(200);
        assertThat(api.delete("/v1/tasks/" + own, member).status()).isEqualTo(204);
        assertThat(api.patch("/v1/tasks/" + theirs, manager, "{\"title\":\"Audit the books twice\"}").status()).isEqualTo(200);
        assertThat(api.delete("/v1/tasks/" + theirs, manager).status()).isEqualTo(204);
    }

    @Test
    void aMemberKeysListAndReadsLeaveOutOthersPrivateTasks() {
        command("UBOB", "G1", "privategroup", "add Secret merger talks");
        command("UBOB", "G1", "privategroup", "add Private errand <@UALICE|alice>");
        command("UBOB", "C1", "general", "add Public chore");
        long secret = svc.service.tasks().list(io.taskbridge.task.TaskQuery.all().page(100, 0)).stream()
                .filter(t -> t.title().equals("Secret merger talks")).findFirst().orElseThrow().id();

        ApiClient.Reply list = api.get("/v1/tasks?limit=100", member);
        assertThat(titles(list)).containsExactlyInAnyOrder("Private errand", "Public chore");
        assertThat(list.json().at("/pagination/total").asInt()).isEqualTo(2);

        ApiClient.Reply hidden = api.get("/v1/tasks/" + secret, member);
        ApiClient.Reply missing = api.get("/v1/tasks/999", member);
        assertThat(hidden.status()).isEqualTo(404).isEqualTo(missing.status());
        assertThat(hidden.raw().body()).isEqualTo(missing.raw().body().replace("999", Long.toString(secret)));
        assertThat(hidden.raw().body()).doesNotContain("Secret");
        assertThat(api.patch("/v1/tasks/" + secret, member, "{\"title\":\"x\"}").raw().body())
                .isEqualTo(hidden.raw().body());

        ApiClient.Reply all = api.get("/v1/tasks?limit=100", manager);
        assertThat(titles(all)).containsExactlyInAnyOrder("Secret merger talks", "Private errand", "Public chore");
        assertThat(all.json().at("/pagination/total").asInt()).isEqualTo(3);
    }

    @Test
    void onlyManagersMayMakeTheBotPostToAChannel() {
        ApiClient.Reply refused = api.post("/v1/tasks", member, "{\"title\":\"Spam the channel\",\"channel\":\"C1\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("permission_denied");
        assertThat(refused.json().at("/error/message").asText())
                .isEqualTo("A member key may not set channel: posting to Slack needs a manager or admin key.");
        assertThat(svc.service.tasks().count(io.taskbridge.task.TaskQuery.all())).isZero();

        assertThat(api.post("/v1/tasks", manager, "{\"title\":\"Standup notes\",\"channel\":\"C1\"}").status()).isEqualTo(201);
        svc.slack.await("chat.postMessage", c -> c.param("text").contains("Standup notes"));
        assertThat(svc.slack.calls("chat.postMessage")).noneMatch(c -> c.param("text").contains("Spam"));
        // Slack says C1 is public (conversations.info), so a member sees the task; one posted to a
        // private channel it does not.
        svc.slack.conversation("C7", "private");
        assertThat(api.post("/v1/tasks", manager, "{\"title\":\"Board minutes\",\"channel\":\"C7\"}").status())
                .isEqualTo(201);
        assertThat(titles(api.get("/v1/tasks", member))).containsExactly("Standup notes");
    }

    @Test
    void onlyAnAdminKeyManagesKeys() {
        for (String key : List.of(member, manager)) {
            ApiClient.Reply r = api.get("/v1/apikeys", key);
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.json().at("/error/message").asText()).isEqualTo("Only an admin key can manage API keys.");
        }
        assertThat(api.get("/v1/apikeys", ADMIN).status()).isEqualTo(200);
    }

    @Test
    void aMemberCannotApproveAReviewItsPrincipalAskedFor() {
        // The task's creator is the manager key's principal, "ops", not a Slack user: Slack refuses its DM.
        svc.slack.expectRefusal("user_not_found");
        long id = created(api.post("/v1/tasks", manager, "{\"title\":\"Sign the contract\",\"assigneeId\":\"UALICE\"}"));
        svc.service.approvals().request(id, new ApprovalPlan(List.of(new ApprovalPlan.Step(List.of("UALICE", "UCAROL"),
                CompletionMode.ONE, Optional.empty()))), "UALICE");
        ApiClient.Reply r = api.post("/v1/tasks/" + id + "/actionSubmission", member, "{\"action\":\"APPROVE\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().at("/error/message").asText())
                .isEqualTo("You asked for this review of task #" + id + ", so another approver must approve it.");
        assertThat(svc.service.approvals().find(id).orElseThrow().steps().get(0).responses()).isEmpty();
        String carol = key("member", "UCAROL");
        assertThat(api.post("/v1/tasks/" + id + "/actionSubmission", carol, "{\"action\":\"APPROVE\"}").status())
                .isEqualTo(200);
    }

    private long created(ApiClient.Reply r) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private String key(String role, String principal) {
        ApiClient.Reply r = api.post("/v1/apikeys", ADMIN,
                "{\"name\":\"" + principal + "\",\"role\":\"" + role + "\",\"principal\":\"" + principal + "\"}");
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("key").asText();
    }

    private void command(String user, String channel, String channelName, String text) {
        String id = "r" + commands.incrementAndGet();
        assertThat(SlackReply.of(svc.requests.command(text, user, channel, channelName, "t" + id, svc.slack.responseUrl(id)),
                svc.slack, id)).contains("Created task");
    }

    private static List<String> titles(ApiClient.Reply list) {
        List<String> out = new ArrayList<>();
        list.json().get("data").forEach(t -> out.add(t.get("title").asText()));
        return out;
    }
}
