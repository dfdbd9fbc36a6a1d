package io.taskbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Json;
import io.taskbridge.platform.Database;
import io.taskbridge.testing.Databases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** /healthz answers 200 while the database answers, and 503 once it does not, or while the service is starting. */
class HealthTest {

    @Test
    void healthFollowsTheDatabase() throws Exception {
        Database db = Database.open(Databases.sqliteUrl(), null, null);
        try (HttpServer http = new HttpServer(db, Json.mapper(), Optional.empty(), java.util.List.of()).start(0)) {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/healthz")).build();
            assertThat(client.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            db.close();
            HttpResponse<String> down = client.send(get, HttpResponse.BodyHandlers.ofString());
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"database\":\"down\"");

            HttpResponse<String> slackOff = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http.port() + "/slack/events"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(slackOff.statusCode()).isEqualTo(404);
            assertThat(slackOff.body()).contains("resource_not_found");
        }
    }

    @Test
    void everyRequestWaitsWhileStarting() throws Exception {
        try (Database db = Database.open(Databases.sqliteUrl(), null, null);
             HttpServer http = new HttpServer(db, Json.mapper(), Optional.empty(),
                     List.of(routes -> routes.get("/v1/ping", ctx -> ctx.result("pong")))).listen(0)) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> health = client.send(get(http, "/healthz"), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).isEqualTo("{\"status\":\"starting\"}");
            assertThat(health.headers().firstValue("Retry-After")).contains("1");
            HttpResponse<String> api = client.send(get(http, "/v1/ping"), HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.body()).contains("service_unavailable");
            assertThat(client.send(get(http, "/nowhere"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);

            http.open();
            assertThat(client.send(get(http, "/healthz"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            HttpResponse<String> served = client.send(get(http, "/v1/ping"), HttpResponse.BodyHandlers.ofString());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).isEqualTo("pong");
            assertThat(served.headers().firstValue("Retry-After")).isEmpty();
        }
    }

    private static HttpRequest get(HttpServer http, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build();
    }
}
