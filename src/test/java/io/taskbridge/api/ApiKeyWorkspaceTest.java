package io.taskbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.testing.Databases;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackReply;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A REST key is issued for one workspace and sees only its tasks and keys. */
class ApiKeyWorkspaceTest {
    static final String ADMIN = "admin-key-for-tests-0123456789";
    RunningService svc;
    ApiClient api;

    @BeforeEach
    void start() {
        svc = new RunningService(Databases.sqliteUrl(), Map.of("TASKBRIDGE_ADMIN_KEY", ADMIN));
        api = new ApiClient(svc.service.port());
    }

    @AfterEach
    void stop() {
        svc.close();
    }

    @Test
    void aKeySeesOnlyItsWorkspacesTasks() {
        ApiClient.Reply issued = api.post("/v1/apikeys", ADMIN,
                "{\"name\":\"ci\",\"role\":\"member\",\"principal\":\"ci\"}");
        assertThat(issued.status()).isEqualTo(201);
        String key = issued.json().get("key").asText();

        // The environment's admin key belongs to the bot token's workspace (T1), so its keys do too.
        ApiClient.Reply mine = api.post("/v1/tasks", key, "{\"title\":\"Made over REST\"}");
        assertThat(mine.status()).isEqualTo(201);
        String mineId = mine.json().get("id").asText();
        assertThat(SlackReply.of(svc.requests.fromTeam("T1").command("show " + mineId, "UA", "C1", "t1",
                svc.slack.responseUrl("t1")), svc.slack, "t1")).contains("Made over REST");

        String other = SlackReply.of(svc.requests.fromTeam("T2").command("add Other workspace's task", "UB", "C2", "t2",
                svc.slack.responseUrl("t2")), svc.slack, "t2");
        assertThat(other).contains("#2");

        assertThat(api.get("/v1/tasks/2", key).status()).isEqualTo(404);
        assertThat(api.patch("/v1/tasks/2", key, "{\"title\":\"Taken over\"}").status()).isEqualTo(404);
        assertThat(api.delete("/v1/tasks/2", key).status()).isEqualTo(404);
        ApiClient.Reply list = api.get("/v1/tasks", key);
        assertThat(list.json().get("data")).hasSize(1);
        assertThat(list.json().get("data").get(0).get("title").asText()).isEqualTo("Made over REST");
        assertThat(list.json().get("pagination").get("total").asInt()).isEqualTo(1);
        assertThat(svc.service.tasks().get(2).title()).isEqualTo("Other workspace's task");
    }
}
