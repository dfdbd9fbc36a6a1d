package io.taskbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.approval.ApprovalPlan;
import io.taskbridge.approval.CompletionMode;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.RunningService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /v1/tasks/{id}/actionSubmission follows the same rules as Slack's Approve and Reject buttons. */
class ActionSubmissionTest {
    static RunningService svc;
    static ApiClient api;

    @BeforeAll
    static void start() {
        svc = new RunningService(Databases.sqliteUrl(), Map.of("TASKBRIDGE_ADMIN_KEY", RestApiTest.ADMIN));
        // The REST principals here (alice, bob, admin) are not Slack users: Slack refuses to open a DM with them.
        svc.slack.expectRefusal("user_not_found");
        api = new ApiClient(svc.service.port());
    }

    @AfterAll
    static void stop() {
        svc.close();
    }

    static String key(String principal) {
        ApiClient.Reply r = api.post("/v1/apikeys", RestApiTest.ADMIN,
                "{\"name\":\"" + principal + "\",\"role\":\"member\",\"principal\":\"" + principal + "\"}");
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("key").asText();
    }

    @Test
    void approversAnswerOnceOutsidersAreRefusedRejectNeedsAComment() {
        String alice = key("alice");
        String bob = key("bob");
        String mallory = key("mallory");
        ApiClient.Reply made = api.post("/v1/tasks", RestApiTest.ADMIN, "{\"title\":\"Quarterly filing\"}");
        String id = made.json().get("id").asText();
        String path = "/v1/tasks/" + id + "/actionSubmission";

        assertThat(api.post(path, alice, "{\"action\":\"APPROVE\"}").status()).isEqualTo(409);
        svc.service.approvals().request(Long.parseLong(id), new ApprovalPlan(List.of(
                new ApprovalPlan.Step(List.of("alice", "bob"), CompletionMode.ALL, Optional.empty()))), "admin");

        ApiClient.Reply outsider = api.post(path, mallory, "{\"action\":\"APPROVE\"}");
        assertThat(outsider.status()).isEqualTo(403);
        assertThat(outsider.code()).isEqualTo("permission_denied");
        ApiClient.Reply bad = api.post(path, alice, "{\"action\":\"MAYBE\",\"extra\":1}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.details().has("action")).isTrue();
        assertThat(bad.details().has("extra")).isTrue();

        // Nobody can finish a task its approvers are deciding, not even an admin.
        ApiClient.Reply shortcut = api.patch("/v1/tasks/" + id, RestApiTest.ADMIN, "{\"status\":\"DONE\"}");
        assertThat(shortcut.status()).isEqualTo(409);
        assertThat(shortcut.json().at("/error/message").asText()).contains("waiting for approval");

        ApiClient.Reply approved = api.post(path, alice, "{\"action\":\"APPROVE\",\"comment\":\"Looks right\"}");
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().get("state").asText()).isEqualTo("PENDING");
        assertThat(approved.json().at("/approvalSteps/0/responses/0/comment").asText()).isEqualTo("Looks right");
        ApiClient.Reply twice = api.post(path, alice, "{\"action\":\"APPROVE\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().at("/error/message").asText()).contains("already answered");

        ApiClient.Reply noReason = api.post(path, bob, "{\"action\":\"REJECT\"}");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.details().get("comment").asText()).contains("comment is required");
        ApiClient.Reply rejected = api.post(path, bob, "{\"action\":\"REJECT\",\"comment\":\"Missing annex\"}");
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().get("state").asText()).isEqualTo("REJECTED");
        assertThat(rejected.json().get("taskStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(api.get("/v1/tasks/" + id, alice).json().get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(api.post("/v1/tasks/999999/actionSubmission", alice, "{\"action\":\"APPROVE\"}").status()).isEqualTo(404);
    }

    @Test
    void tasksHeldInAnotherSystemAreChangedThereNotHere() {
        ApiClient.Reply made = api.post("/v1/tasks", RestApiTest.ADMIN, "{\"title\":\"Held in Workiva\"}");
        String id = made.json().get("id").asText();
        try (io.taskbridge.platform.Database direct = io.taskbridge.platform.Database.open(svc.dbUrl, null, null)) {
            direct.jdbi().useHandle(h -> h.execute("UPDATE tasks SET connection = 'workiva', external_id = 'W-1' WHERE id = ?",
                    Long.parseLong(id)));
        }
        ApiClient.Reply patch = api.patch("/v1/tasks/" + id, RestApiTest.ADMIN, "{\"title\":\"Renamed\"}");
        assertThat(patch.status()).isEqualTo(409);
        assertThat(patch.json().at("/error/details/connection").asText()).isEqualTo("workiva");
        assertThat(api.delete("/v1/tasks/" + id, RestApiTest.ADMIN).status()).isEqualTo(409);
        assertThat(api.get("/v1/tasks/" + id, RestApiTest.ADMIN).json().get("title").asText()).isEqualTo("Held in Workiva");
    }
}
