package io.taskbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.Json;
import io.taskbridge.store.Database;
import io.taskbridge.testing.Databases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** /healthz answers 200 while the database answers, and 503 once it does not. */
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
}
