package io.taskbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.testing.Databases;
import io.taskbridge.testing.RunningService;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The input boundary on the REST API: numbers and dates out of range are refused with the field
 * named (never a 500), dates live in the years 1970 to 9999 and are written in RFC 3339, and
 * control characters are taken out of titles and descriptions.
 */
class InputBoundaryTest {
    static final String ADMIN = "admin-key-for-boundary-tests-0123";
    static final String FAR = "+999999999-12-31T23:59:59Z";
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

    static String created(String body) {
        ApiClient.Reply r = api.post("/v1/tasks", ADMIN, body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void anInfiniteWarningOffsetIs422NamingTheField() {
        ApiClient.Reply r = api.post("/v1/tasks", ADMIN,
                "{\"title\":\"t\",\"dueDate\":\"2999-01-01T00:00:00Z\",\"warningOffset\":1e309}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.details().has("warningOffset")).isTrue();
        String id = created("{\"title\":\"offset patch\",\"dueDate\":\"2999-01-01T00:00:00Z\"}");
        ApiClient.Reply p = api.patch("/v1/tasks/" + id, ADMIN, "{\"warningOffset\":-1e309}");
        assertThat(p.status()).isEqualTo(422);
        assertThat(p.details().has("warningOffset")).isTrue();
    }

    @Test
    void aDueDateBeyondYear9999Is422InPostAndPatch() {
        for (String due : new String[] {FAR, "+10000-01-01T00:00:00Z"}) {
            ApiClient.Reply r = api.post("/v1/tasks", ADMIN, "{\"title\":\"t\",\"dueDate\":\"" + due + "\"}");
            assertThat(r.status()).as(due).isEqualTo(422);
            assertThat(r.details().get("dueDate").asText()).contains("1970").contains("9999");
        }
        String id = created("{\"title\":\"due patch\"}");
        ApiClient.Reply p = api.patch("/v1/tasks/" + id, ADMIN, "{\"dueDate\":\"" + FAR + "\",\"warningOffset\":1}");
        assertThat(p.status()).isEqualTo(422);
        assertThat(p.details().get("dueDate").asText()).contains("9999");
    }

    @Test
    void theLastSecondOfYear9999IsKeptAndWrittenInRfc3339() {
        String id = created("{\"title\":\"far\",\"dueDate\":\"9999-12-31T23:59:59Z\",\"warningOffset\":24}");
        assertThat(api.get("/v1/tasks/" + id, ADMIN).json().get("dueDate").asText()).isEqualTo("9999-12-31T23:59:59Z");
    }

    @Test
    void dueDateFiltersOutOfRangeOrUnreadableAre422NamingTheParameter() {
        for (String name : new String[] {"dueDate%5Bgt%5D", "dueDate%5Blt%5D"}) {
            String field = name.replace("%5B", "[").replace("%5D", "]");
            for (String v : new String[] {"%2B999999999-12-31T23:59:59Z", "%2B10000-01-01", "1969-12-31"}) {
                ApiClient.Reply r = api.get("/v1/tasks?" + name + "=" + v, ADMIN);
                assertThat(r.status()).as(name + "=" + v).isEqualTo(422);
                assertThat(r.code()).isEqualTo("validation_error");
                assertThat(r.details().fieldNames()).toIterable().containsExactly(field);
                assertThat(r.details().get(field).asText()).contains("1970").contains("9999");
            }
            for (String v : new String[] {"soon", "2026-13-01", "2026-02-30T10:00:00Z", "%2B999999999999-01-01"}) {
                ApiClient.Reply r = api.get("/v1/tasks?" + name + "=" + v, ADMIN);
                assertThat(r.status()).as(name + "=" + v).isEqualTo(422);
                assertThat(r.code()).isEqualTo("validation_error");
                assertThat(r.details().fieldNames()).toIterable().containsExactly(field);
                assertThat(r.details().get(field).asText()).startsWith("Must be an ISO 8601 date and time");
            }
        }
        ApiClient.Reply both = api.get("/v1/tasks?dueDate%5Bgt%5D=soon&dueDate%5Blt%5D=%2B10000-01-01", ADMIN);
        assertThat(both.status()).isEqualTo(422);
        assertThat(both.details().fieldNames()).toIterable().containsExactly("dueDate[gt]", "dueDate[lt]");
        ApiClient.Reply inRange = api.get("/v1/tasks?dueDate%5Bgt%5D=1970-01-01&dueDate%5Blt%5D=9999-12-31T23:59:59Z", ADMIN);
        assertThat(inRange.status()).isEqualTo(200);
    }

    @Test
    void aBadDateBesideOtherBadParametersIsNamedInThe400() {
        ApiClient.Reply r = api.get("/v1/tasks?limit=0&dueDate%5Bgt%5D=%2B10000-01-01", ADMIN);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("invalid_parameters");
        assertThat(r.details().fieldNames()).toIterable().containsExactly("limit", "dueDate[gt]");
    }

    @Test
    void controlCharactersAreRemovedFromTitlesAndDescriptions() {
        String id = created("{\"title\":\"a\\u0000b\\u001b[31mc\\u0007\\td\\u009b\","
                + "\"description\":\"line1\\r\\nline2\\u0000\\tend\\u007f\"}");
        ApiClient.Reply r = api.get("/v1/tasks/" + id, ADMIN);
        assertThat(r.json().get("title").asText()).isEqualTo("ab[31mc\td");
        assertThat(r.json().get("description").asText()).isEqualTo("line1\nline2\tend");
        ApiClient.Reply p = api.patch("/v1/tasks/" + id, ADMIN, "{\"title\":\"x\\u0001y\"}");
        assertThat(p.json().get("title").asText()).isEqualTo("xy");
    }

    @Test
    void aTitleOfOnlyControlCharactersIsEmpty() {
        ApiClient.Reply r = api.post("/v1/tasks", ADMIN, "{\"title\":\"\\u0000\\u0001\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.details().get("title").asText()).isEqualTo("Title is required.");
    }

    @Test
    void anUnpairedSurrogateBecomesTheReplacementCharacterNotAQuestionMark() {
        String id = created("{\"title\":\"a\\ud800b\",\"tags\":[\"x\\udc00\"]}");
        ApiClient.Reply r = api.get("/v1/tasks/" + id, ADMIN);
        assertThat(r.json().get("title").asText()).isEqualTo("a\uFFFDb");
        assertThat(r.json().get("tags").get(0).asText()).isEqualTo("x\uFFFD");
    }
}
