package io.taskbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.RunningService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST API over loopback against the whole service (fake Slack, SQLite): seed 001's examples,
 * every error code, roles, keys, PATCH lifecycle, idempotency, and Slack follow-up. Every response
 * is also checked against openapi.json by {@link ApiClient}.
 */
class RestApiTest {
    static final String ADMIN = "admin-key-for-tests-0123456789";
    static final String SEED_BODY = """
            {
              "title": "Implement authentication",
              "description": "Add token-based authentication to the application",
              "status": "TODO",
              "priority": "HIGH",
              "assigneeId": "user123",
              "dueDate": "2025-06-01T17:00:00Z",
              "warningOffset": 24,
              "tags": ["authentication", "security", "api"]
            }
            """;

    static RunningService svc;
    static ApiClient api;

    @BeforeAll
    static void start() {
        svc = new RunningService(Databases.sqliteUrl(), Map.of("TASKBRIDGE_ADMIN_KEY", ADMIN, "TASKBRIDGE_API_RATE", "100000"));
        api = new ApiClient(svc.service.port());
    }

    @AfterAll
    static void stop() {
        svc.close();
    }

    static String key(String role, String principal) {
        ApiClient.Reply r = api.post("/v1/apikeys", ADMIN,
                "{\"name\":\"" + principal + " key\",\"role\":\"" + role + "\",\"principal\":\"" + principal + "\"}");
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("key").asText();
    }

    @Test
    void seedRequestAsWrittenIsRefusedBecauseItsDueDateHasPassed() {
        ApiClient.Reply r = api.post("/v1/tasks", ADMIN, SEED_BODY);

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("validation_error");
        assertThat(r.json().at("/error/message").asText()).isEqualTo("The request contains invalid data");
        assertThat(r.details().get("dueDate").asText()).isEqualTo("Due date must be in the future.");
        assertThat(r.details().size()).isEqualTo(1);
    }

    @Test
    void seedRequestWithAFutureDateAnswersTheSeedsResponseShape() throws Exception {
        String due = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).plus(17, ChronoUnit.HOURS).toString();
        ApiClient.Reply r = api.post("/v1/tasks", ADMIN, SEED_BODY.replace("2025-06-01T17:00:00Z", due));

        assertThat(r.status()).isEqualTo(201);
        JsonNode t = r.json();
        JsonNode seedResponse = ApiClient.JSON.readTree("""
                {"id":"task789","title":"Implement authentication","description":"Add token-based authentication to the application",
                 "status":"TODO","priority":"HIGH","createdBy":"user456","assigneeId":"user123","dueDate":"2025-06-01T17:00:00Z",
                 "warningOffset":24,"tags":["authentication","security","api"],"createdAt":"2025-05-13T15:30:00Z","updatedAt":"2025-05-13T15:30:00Z"}""");
        List<String> seedFields = new ArrayList<>();
        seedResponse.fieldNames().forEachRemaining(seedFields::add);
        List<String> fields = new ArrayList<>();
        t.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyElementsOf(seedFields);
        assertThat(t.get("id").isTextual()).isTrue();
        assertThat(t.get("id").asText()).matches("\\d+");
        assertThat(t.get("title").asText()).isEqualTo("Implement authentication");
        assertThat(t.get("description").asText()).isEqualTo("Add token-based authentication to the application");
        assertThat(t.get("status").asText()).isEqualTo("TODO");
        assertThat(t.get("priority").asText()).isEqualTo("HIGH");
        assertThat(t.get("createdBy").asText()).isEqualTo("admin");
        assertThat(t.get("assigneeId").asText()).isEqualTo("user123");
        assertThat(t.get("dueDate").asText()).isEqualTo(due);
        assertThat(t.get("warningOffset").isIntegralNumber()).isTrue();
        assertThat(t.get("warningOffset").asInt()).isEqualTo(24);
        assertThat(t.get("tags")).containsExactly(ApiClient.JSON.valueToTree("authentication"),
                ApiClient.JSON.valueToTree("security"), ApiClient.JSON.valueToTree("api"));
        assertThat(t.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(t.get("updatedAt").asText()).isEqualTo(t.get("createdAt").asText());
        assertThat(r.header("Location")).contains("/v1/tasks/" + t.get("id").asText());

        ApiClient.Reply again = api.get("/v1/tasks/" + t.get("id").asText(), ADMIN);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(t);
    }

    @Test
    void onlyTheTitleIsNeededAndTheRestDefaultsAsTheSeedSays() {
        ApiClient.Reply r = api.post("/v1/tasks", ADMIN, "{\"title\":\"  Water the plants  \"}");

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("title").asText()).isEqualTo("Water the plants");
        assertThat(r.json().get("status").asText()).isEqualTo("TODO");
        assertThat(r.json().get("priority").asText()).isEqualTo("MEDIUM");
        assertThat(r.json().get("description").isNull()).isTrue();
        assertThat(r.json().get("assigneeId").isNull()).isTrue();
        assertThat(r.json().get("dueDate").isNull()).isTrue();
        assertThat(r.json().get("warningOffset").isNull()).isTrue();
        assertThat(r.json().get("tags").size()).isZero();
        assertThat(r.json().has("channel")).isFalse();
    }

    @Test
    void fractionalReminderOffsetsRoundTrip() {
        String due = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        ApiClient.Reply r = api.post("/v1/tasks", ADMIN,
                "{\"title\":\"Fractions\",\"dueDate\":\"" + due + "\",\"warningOffset\":1.5}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("warningOffset").asDouble()).isEqualTo(1.5);
    }

    @Test
    void everyFieldProblemIsReportedAtOnceUnderItsName() {
        ApiClient.Reply r = api.post("/v1/tasks", ADMIN, """
                {"id":"7","createdBy":"mallory","createdAt":"2030-01-01T00:00:00Z","updatedAt":"2030-01-01T00:00:00Z",
                 "titel":"typo","priority":"SUPER","status":"DOING","dueDate":"tomorrow","warningOffset":"24",
                 "tags":["ok", 7],"assigneeId":42}""");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("validation_error");
        JsonNode d = r.details();
        assertThat(d.get("id").asText()).isEqualTo("The id field is generated by the server and can't be set.");
        assertThat(d.get("createdBy").asText()).contains("generated by the server");
        assertThat(d.get("createdAt").asText()).contains("generated by the server");
        assertThat(d.get("updatedAt").asText()).contains("generated by the server");
        assertThat(d.get("titel").asText()).startsWith("Unknown field. The fields are: title, description");
        assertThat(d.get("priority").asText()).isEqualTo("Must be one of LOW, MEDIUM, HIGH, URGENT.");
        assertThat(d.get("status").asText()).isEqualTo("Must be one of TODO, IN_PROGRESS, REVIEW, DONE, CANCELED.");
        assertThat(d.get("dueDate").asText()).isEqualTo("Must be an ISO 8601 date and time such as 2025-06-01T17:00:00Z.");
        assertThat(d.get("warningOffset").asText()).isEqualTo("Must be a number of hours, such as 24 or 1.5.");
        assertThat(d.get("tags").asText()).isEqualTo("Each tag must be a string.");
        assertThat(d.get("assigneeId").asText()).isEqualTo("Must be a string.");
        assertThat(d.get("title").asText()).isEqualTo("Title is required.");
    }

    @Test
    void ruleBreachesUseTheSameMessagesAsSlack() {
        ApiClient.Reply r = api.post("/v1/tasks", ADMIN, "{\"title\":\"" + "a".repeat(501) + "\",\"warningOffset\":2,"
                + "\"tags\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\"]}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.details().get("title").asText()).isEqualTo("Title must be at most 500 characters (it has 501).");
        assertThat(r.details().get("warningOffset").asText()).isEqualTo("A reminder offset needs a due date.");
        assertThat(r.details().get("tags").asText()).isEqualTo("A task can have at most 10 tags (it has 11).");
    }

    @Test
    void malformedEmptyAndNonObjectBodiesAre400() {
        ApiClient.Reply broken = api.post("/v1/tasks", ADMIN, "{\"title\": \"x\",");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.code()).isEqualTo("invalid_format");
        assertThat(broken.json().at("/error/message").asText()).startsWith("The request body is not valid JSON");
        assertThat(broken.details().get("line").asInt()).isEqualTo(1);

        ApiClient.Reply array = api.post("/v1/tasks", ADMIN, "[{\"title\":\"x\"}]");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.json().at("/error/message").asText()).isEqualTo("The request body must be a JSON object.");

        ApiClient.Reply empty = api.post("/v1/tasks", ADMIN, "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.code()).isEqualTo("invalid_format");

        ApiClient.Reply twice = api.post("/v1/tasks", ADMIN, "{\"title\":\"a\",\"title\":\"b\"}");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().at("/error/message").asText()).contains("Duplicate field 'title'");
    }

    @Test
    void bodiesOverOneMebibyteAre413() {
        ApiClient.Reply r = api.post("/v1/tasks", ADMIN, "{\"title\":\"" + "x".repeat(1024 * 1024) + "\"}");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.code()).isEqualTo("payload_too_large");
    }

    @Test
    void missingWrongAndRevokedKeysAre401() {
        ApiClient.Reply none = api.get("/v1/tasks", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.code()).isEqualTo("missing_authentication");
        assertThat(none.header("WWW-Authenticate")).contains("Bearer");

        ApiClient.Reply wrong = api.get("/v1/tasks", "tb_not-a-real-key");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("invalid_authentication");

        ApiClient.Reply basic = api.send("GET", "/v1/tasks", java.util.Optional.empty(), java.util.Optional.empty(),
                Map.of("Authorization", "Basic YWRtaW46YWRtaW4="));
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.code()).isEqualTo("invalid_authentication");
    }

    @Test
    void adminsIssueListAndRevokeKeysAndTheSecretIsShownOnce() {
        ApiClient.Reply issued = api.post("/v1/apikeys", ADMIN,
                "{\"name\":\"CI bot\",\"role\":\"manager\",\"principal\":\"ci-bot\"}");
        assertThat(issued.status()).isEqualTo(201);
        String secret = issued.json().get("key").asText();
        String id = issued.json().get("id").asText();
        assertThat(secret).matches("tb_[A-Za-z0-9_-]{43}");
        assertThat(issued.json().get("role").asText()).isEqualTo("manager");
        assertThat(issued.json().get("principal").asText()).isEqualTo("ci-bot");
        assertThat(issued.header("Location")).contains("/v1/apikeys/" + id);
        assertThat(issued.header("Cache-Control")).contains("no-store");

        ApiClient.Reply list = api.get("/v1/apikeys", ADMIN);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.raw().body()).doesNotContain(secret);
        JsonNode listed = null;
        for (JsonNode k : list.json().get("data")) {
            if (k.get("id").asText().equals(id)) {
                listed = k;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("name").asText()).isEqualTo("CI bot");
        assertThat(listed.has("key")).isFalse();

        ApiClient.Reply made = api.post("/v1/tasks", secret, "{\"title\":\"From CI\"}");
        assertThat(made.json().get("createdBy").asText()).isEqualTo("ci-bot");

        assertThat(api.delete("/v1/apikeys/" + id, ADMIN).status()).isEqualTo(204);
        ApiClient.Reply revoked = api.get("/v1/tasks", secret);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.code()).isEqualTo("invalid_authentication");
        ApiClient.Reply twice = api.delete("/v1/apikeys/" + id, ADMIN);
        assertThat(twice.status()).isEqualTo(404);
        assertThat(twice.code()).isEqualTo("resource_not_found");

        ApiClient.Reply badRole = api.post("/v1/apikeys", ADMIN, "{\"name\":\"x\",\"role\":\"owner\",\"principal\":\"p\",\"scope\":1}");
        assertThat(badRole.status()).isEqualTo(422);
        assertThat(badRole.details().get("role").asText()).isEqualTo("Must be one of admin, manager, member.");
        assertThat(badRole.details().get("scope").asText()).startsWith("Unknown field");
    }

    @Test
    void onlyAdminsManageKeys() {
        String manager = key("manager", "maude");
        ApiClient.Reply r = api.post("/v1/apikeys", manager, "{\"name\":\"x\",\"role\":\"admin\",\"principal\":\"maude\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("permission_denied");
        assertThat(api.get("/v1/apikeys", manager).status()).isEqualTo(403);
        assertThat(api.delete("/v1/apikeys/1", manager).status()).isEqualTo(403);
    }

    @Test
    void membersAssignOnlyThemselvesManagersAnyone() {
        String member = key("member", "mia");
        String manager = key("manager", "max");

        ApiClient.Reply other = api.post("/v1/tasks", member, "{\"title\":\"For Bob\",\"assigneeId\":\"bob\"}");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.code()).isEqualTo("permission_denied");

        ApiClient.Reply self = api.post("/v1/tasks", member, "{\"title\":\"For me\",\"assigneeId\":\"mia\"}");
        assertThat(self.status()).isEqualTo(201);
        assertThat(self.json().get("createdBy").asText()).isEqualTo("mia");
        String id = self.json().get("id").asText();

        ApiClient.Reply reassign = api.patch("/v1/tasks/" + id, member, "{\"assigneeId\":\"bob\"}");
        assertThat(reassign.status()).isEqualTo(403);
        assertThat(reassign.code()).isEqualTo("permission_denied");

        ApiClient.Reply managed = api.post("/v1/tasks", manager, "{\"title\":\"For Bob\",\"assigneeId\":\"bob\"}");
        assertThat(managed.status()).isEqualTo(201);
        assertThat(managed.json().get("assigneeId").asText()).isEqualTo("bob");
        assertThat(managed.json().get("createdBy").asText()).isEqualTo("max");
        assertThat(api.patch("/v1/tasks/" + id, manager, "{\"assigneeId\":\"bob\"}").json().get("assigneeId").asText())
                .isEqualTo("bob");
    }

    @Test
    void patchFollowsTheStrictLifecycleAndClearsWithNull() {
        String due = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String id = api.post("/v1/tasks", ADMIN, "{\"title\":\"Lifecycle\",\"description\":\"d\",\"dueDate\":\"" + due
                + "\",\"warningOffset\":2}").json().get("id").asText();

        ApiClient.Reply skip = api.patch("/v1/tasks/" + id, ADMIN, "{\"status\":\"DONE\"}");
        assertThat(skip.status()).isEqualTo(422);
        assertThat(skip.code()).isEqualTo("invalid_status_transition");
        assertThat(skip.details().get("from").asText()).isEqualTo("TODO");
        assertThat(skip.details().get("to").asText()).isEqualTo("DONE");
        assertThat(skip.details().get("allowed").toString()).isEqualTo("[\"CANCELED\",\"IN_PROGRESS\"]");
        assertThat(api.get("/v1/tasks/" + id, ADMIN).json().get("status").asText()).isEqualTo("TODO");

        ApiClient.Reply start = api.patch("/v1/tasks/" + id, ADMIN, "{\"status\":\"IN_PROGRESS\",\"priority\":\"URGENT\"}");
        assertThat(start.status()).isEqualTo(200);
        assertThat(start.json().get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(start.json().get("priority").asText()).isEqualTo("URGENT");
        assertThat(start.json().get("description").asText()).isEqualTo("d");

        ApiClient.Reply cleared = api.patch("/v1/tasks/" + id, ADMIN, "{\"description\":null,\"dueDate\":null,\"tags\":[\"a\"]}");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().get("description").isNull()).isTrue();
        assertThat(cleared.json().get("dueDate").isNull()).isTrue();
        assertThat(cleared.json().get("warningOffset").isNull()).isTrue();
        assertThat(cleared.json().get("tags").get(0).asText()).isEqualTo("a");

        ApiClient.Reply blank = api.patch("/v1/tasks/" + id, ADMIN, "{\"title\":\" \",\"status\":null,\"id\":\"9\"}");
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.code()).isEqualTo("validation_error");
        assertThat(blank.details().get("status").asText()).isEqualTo("Can't be null: it always has a value.");
        assertThat(blank.details().get("id").asText()).contains("generated by the server");

        ApiClient.Reply emptyTitle = api.patch("/v1/tasks/" + id, ADMIN, "{\"title\":\"\"}");
        assertThat(emptyTitle.status()).isEqualTo(422);
        assertThat(emptyTitle.details().get("title").asText()).isEqualTo("Title is required.");

        ApiClient.Reply past = api.patch("/v1/tasks/" + id, ADMIN, "{\"dueDate\":\"2020-01-01T00:00:00Z\"}");
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.details().get("dueDate").asText()).isEqualTo("Due date must be in the future.");
    }

    @Test
    void unknownTasksAre404() {
        for (ApiClient.Reply r : List.of(api.get("/v1/tasks/999999", ADMIN), api.get("/v1/tasks/abc", ADMIN),
                api.patch("/v1/tasks/999999", ADMIN, "{\"title\":\"x\"}"), api.delete("/v1/tasks/999999", ADMIN))) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("resource_not_found");
        }
    }

    @Test
    void deleteRemovesTasksOutsideSlackAndRefusesThoseWithAMessage() {
        String plain = api.post("/v1/tasks", ADMIN, "{\"title\":\"Temporary\"}").json().get("id").asText();
        ApiClient.Reply gone = api.delete("/v1/tasks/" + plain, ADMIN);
        assertThat(gone.status()).isEqualTo(204);
        assertThat(gone.raw().body()).isEmpty();
        assertThat(api.get("/v1/tasks/" + plain, ADMIN).status()).isEqualTo(404);

        String inSlack = api.post("/v1/tasks", ADMIN, "{\"title\":\"Posted\",\"channel\":\"C0DEL\"}").json().get("id").asText();
        ApiClient.Reply refused = api.delete("/v1/tasks/" + inSlack, ADMIN);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("resource_conflict");
        assertThat(refused.json().at("/error/message").asText()).contains("cancel it instead");
        assertThat(api.get("/v1/tasks/" + inSlack, ADMIN).status()).isEqualTo(200);
    }

    @Test
    void anIdempotencyKeyCreatesOncePerApiKey() {
        String other = key("manager", "olga");
        Map<String, String> header = Map.of("Idempotency-Key", "order-42");
        ApiClient.Reply first = api.post("/v1/tasks", ADMIN, "{\"title\":\"Once only\"}", header);
        ApiClient.Reply second = api.post("/v1/tasks", ADMIN, "{\"title\":\"Once only\"}", header);
        ApiClient.Reply otherKey = api.post("/v1/tasks", other, "{\"title\":\"Once only\"}", header);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isEmpty();
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).contains("true");
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(otherKey.json().get("id").asText()).isNotEqualTo(first.json().get("id").asText());
        assertThat(api.get("/v1/tasks?search=Once%20only&createdBy=admin", ADMIN).json().at("/pagination/total").asInt())
                .isEqualTo(1);

        ApiClient.Reply tooLong = api.post("/v1/tasks", ADMIN, "{\"title\":\"x\"}", Map.of("Idempotency-Key", "k".repeat(256)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.code()).isEqualTo("invalid_parameters");
        assertThat(tooLong.details().get("Idempotency-Key").asText()).isEqualTo("Must be at most 255 characters.");
    }

    @Test
    void aTaskWithAChannelIsPostedToSlackAndFollowsChanges() {
        ApiClient.Reply r = api.post("/v1/tasks", ADMIN, "{\"title\":\"Ship the API\",\"channel\":\"C0API\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("channel").asText()).isEqualTo("C0API");

        var post = svc.slack.await("chat.postMessage", c -> "C0API".equals(c.param("channel")));
        assertThat(post.param("text")).contains("Ship the API");

        api.patch("/v1/tasks/" + r.json().get("id").asText(), ADMIN, "{\"title\":\"Ship the REST API\"}");
        var update = svc.slack.await("chat.update", c -> "C0API".equals(c.param("channel")));
        assertThat(update.param("text")).contains("Ship the REST API");

        ApiClient.Reply badChannel = api.post("/v1/tasks", ADMIN, "{\"title\":\"x\",\"channel\":\"#general\"}");
        assertThat(badChannel.status()).isEqualTo(422);
        assertThat(badChannel.details().get("channel").asText()).startsWith("Must be a Slack channel id");
        ApiClient.Reply moveChannel = api.patch("/v1/tasks/" + r.json().get("id").asText(), ADMIN, "{\"channel\":\"C0OTHER\"}");
        assertThat(moveChannel.status()).isEqualTo(422);
        assertThat(moveChannel.details().get("channel").asText()).isEqualTo("The channel can be given only when the task is created.");
    }

    @Test
    void badListParametersAre400WithOneMessageEach() {
        ApiClient.Reply r = api.get("/v1/tasks?limit=101&offset=-1&sort=owner&status=TODO,DOING&priority=high"
                + "&dueDate%5Bgt%5D=soon&dueDate%5Bexists%5D=maybe&colour=red", ADMIN);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("invalid_parameters");
        JsonNode d = r.details();
        assertThat(d.get("limit").asText()).isEqualTo("Must be a whole number from 1 to 100.");
        assertThat(d.get("offset").asText()).isEqualTo("Must be a whole number from 0.");
        assertThat(d.get("sort").asText()).startsWith("Must be one of createdAt, updatedAt, dueDate, priority, title, status");
        assertThat(d.get("status").asText()).startsWith("Unknown status 'DOING'.");
        assertThat(d.get("priority").asText()).isEqualTo("Must be one of LOW, MEDIUM, HIGH, URGENT.");
        assertThat(d.get("dueDate[gt]").asText()).startsWith("Must be an ISO 8601 date and time");
        assertThat(d.get("dueDate[exists]").asText()).isEqualTo("Must be true or false.");
        assertThat(d.get("colour").asText()).startsWith("Unknown parameter.");
    }

    @Test
    void theOpenApiDocumentIsServedWithoutAKey() throws Exception {
        ApiClient.Reply r = api.get("/v1/openapi.json", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("openapi").asText()).isEqualTo("3.0.3");
        assertThat(r.json()).isEqualTo(ApiClient.JSON.readTree(ApiClient.openApiText()));
        assertThat(r.json().at("/paths/~1tasks/get/parameters").size()).isEqualTo(ListParams.NAMES.size());
    }
}
