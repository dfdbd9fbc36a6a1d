package io.taskbridge.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.RunningService;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * REST task input over real HTTP: any body to POST and PATCH, any list parameters. Every answer is
 * below 500, and every refusal is in the API's error shape.
 */
class RestFuzzTest {
    static final String ADMIN = "admin-key-for-fuzzing-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static RunningService svc;
    static String taskId;

    @BeforeContainer
    static void start() throws Exception {
        svc = new RunningService(Databases.sqliteUrl(), Map.of("TASKBRIDGE_ADMIN_KEY", ADMIN, "TASKBRIDGE_API_RATE", "10000000"));
        HttpResponse<String> made = send("POST", "/v1/tasks", "{\"title\":\"fuzz target\",\"dueDate\":\"2999-01-01T00:00:00Z\"}");
        taskId = JSON.readTree(made.body()).get("id").asText();
    }

    @AfterContainer
    static void stop() {
        svc.close();
    }

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + svc.service.port() + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertAnswered(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isLessThan(500);
        if (r.statusCode() >= 400) {
            JsonNode error = JSON.readTree(r.body()).get("error");
            assertThat(error.get("code").asText()).isNotBlank();
            assertThat(error.get("details").isObject()).isTrue();
        }
    }

    @Provide
    Arbitrary<String> taskBody() {
        return Arbitraries.oneOf(Inputs.taskBody(), Inputs.anyText(30), Inputs.jsonValue());
    }

    @Provide
    Arbitrary<String> query() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("limit", "offset", "sort", "status", "priority",
                "assigneeId", "createdBy", "tags", "dueDate[gt]", "dueDate[lt]", "dueDate[exists]", "search"), Inputs.anyText(5));
        Arbitrary<String> value = Arbitraries.oneOf(Inputs.jsonValue().map(v -> v.replace("\"", "")), Inputs.anyText(12),
                Arbitraries.of("+999999999-12-31T23:59:59Z", "-1", "2147483648", "99999999999", "-createdAt", "TODO,DONE"));
        Arbitrary<String> pair = Combinators.combine(name, value).as((n, v) ->
                URLEncoder.encode(n, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
        return pair.list().ofMaxSize(5).map(pairs -> String.join("&", pairs));
    }

    @Property
    void createAnswersEveryBody(@ForAll("taskBody") String body) throws Exception {
        assertAnswered(send("POST", "/v1/tasks", body));
    }

    @Property
    void patchAnswersEveryBody(@ForAll("taskBody") String body) throws Exception {
        assertAnswered(send("PATCH", "/v1/tasks/" + taskId, body));
    }

    @Property
    void listAnswersEveryQuery(@ForAll("query") String query) throws Exception {
        assertAnswered(send("GET", "/v1/tasks?" + query, null));
    }

    @Property
    void anyPathUnderV1IsAnswered(@ForAll("pathPiece") String piece) throws Exception {
        assertAnswered(send("GET", "/v1/tasks/" + piece, null));
    }

    @Provide
    Arbitrary<String> pathPiece() {
        return Arbitraries.oneOf(Inputs.anyText(10).map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)),
                Arbitraries.of(List.of("%00", "%ff", "..", "%2e%2e", "99999999999999999999", "-1", "1%0a2", "%25")));
    }
}
