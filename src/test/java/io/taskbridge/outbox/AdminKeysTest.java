package io.taskbridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.RunningService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /admin/outbox} takes the REST API's admin keys: the environment's and any issued with the admin role. */
class AdminKeysTest {
    static final String ENV_KEY = "env-admin-key-for-admin-keys-test";
    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> send(RunningService svc, String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + svc.service.port() + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The issued key's id and secret. */
    String[] issue(RunningService svc, String role) throws Exception {
        HttpResponse<String> r = send(svc, "POST", "/v1/apikeys", ENV_KEY,
                "{\"name\":\"" + role + "\",\"role\":\"" + role + "\",\"principal\":\"p-" + role + "\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        var json = new ObjectMapper().readTree(r.body());
        return new String[] {json.get("id").asText(), json.get("key").asText()};
    }

    @Test
    void issuedAdminKeysAreAdmittedOthersAreNot() throws Exception {
        try (RunningService svc = new RunningService(Databases.sqliteUrl(), Map.of("TASKBRIDGE_ADMIN_KEY", ENV_KEY))) {
            String[] admin = issue(svc, "admin");
            String[] manager = issue(svc, "manager");
            assertThat(send(svc, "GET", "/admin/outbox?state=dead", ENV_KEY, null).statusCode()).isEqualTo(200);
            HttpResponse<String> byIssued = send(svc, "GET", "/admin/outbox?state=pending", admin[1], null);
            assertThat(byIssued.statusCode()).isEqualTo(200);
            assertThat(byIssued.body()).contains("\"state\":\"pending\"");
            assertThat(send(svc, "GET", "/admin/outbox", manager[1], null).statusCode()).isEqualTo(401);
            assertThat(send(svc, "GET", "/admin/outbox", "tb_not-a-key", null).statusCode()).isEqualTo(401);

            assertThat(send(svc, "DELETE", "/v1/apikeys/" + admin[0], ENV_KEY, null).statusCode()).isEqualTo(204);
            assertThat(send(svc, "GET", "/admin/outbox", admin[1], null).statusCode()).isEqualTo(401);
        }
    }
}
