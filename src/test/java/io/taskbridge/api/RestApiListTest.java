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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GET /v1/tasks over HTTP on both databases: pagination, every filter and every sort. */
class RestApiListTest {
    static final String ADMIN = "admin-key-for-list-tests";

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void pagesFiltersAndSorts(Databases.Kind kind) {
        try (RunningService svc = new RunningService(Databases.url(kind),
                Map.of("TASKBRIDGE_ADMIN_KEY", ADMIN, "TASKBRIDGE_API_RATE", "100000"))) {
            ApiClient api = new ApiClient(svc.service.port());
            String carl = api.post("/v1/apikeys", ADMIN, "{\"name\":\"c\",\"role\":\"member\",\"principal\":\"carl\"}")
                    .json().get("key").asText();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String a = create(api, ADMIN, "{\"title\":\"Alpha report\",\"priority\":\"HIGH\",\"assigneeId\":\"ann\","
                    + "\"tags\":[\"finance\",\"q3\"],\"dueDate\":\"" + now.plus(1, ChronoUnit.DAYS) + "\"}");
            String b = create(api, ADMIN, "{\"title\":\"beta budget\",\"priority\":\"URGENT\",\"assigneeId\":\"bob\","
                    + "\"tags\":[\"Finance\"],\"dueDate\":\"" + now.plus(3, ChronoUnit.DAYS) + "\"}");
            String c = create(api, carl, "{\"title\":\"Gamma\",\"priority\":\"LOW\"}");
            String d = create(api, ADMIN, "{\"title\":\"Delta notes\",\"description\":\"The BUDGET, in words\",\"tags\":[\"q3\"]}");
            String e = create(api, ADMIN, "{\"title\":\"Epsilon\",\"dueDate\":\"" + now.plus(10, ChronoUnit.DAYS) + "\"}");
            assertThat(api.patch("/v1/tasks/" + b, ADMIN, "{\"status\":\"IN_PROGRESS\"}").status()).isEqualTo(200);
            assertThat(api.patch("/v1/tasks/" + d, ADMIN, "{\"status\":\"CANCELED\"}").status()).isEqualTo(200);

            JsonNode first = api.get("/v1/tasks", ADMIN).json();
            assertThat(ids(first)).containsExactly(e, d, c, b, a);
            assertThat(first.get("pagination").toString()).isEqualTo("{\"total\":5,\"limit\":10,\"offset\":0}");
            JsonNode page = api.get("/v1/tasks?limit=2&offset=2", ADMIN).json();
            assertThat(ids(page)).containsExactly(c, b);
            assertThat(page.get("pagination").toString()).isEqualTo("{\"total\":5,\"limit\":2,\"offset\":2}");
            assertThat(ids(api.get("/v1/tasks?limit=2&offset=4", ADMIN).json())).containsExactly(a);
            assertThat(ids(api.get("/v1/tasks?offset=9", ADMIN).json())).isEmpty();

            assertThat(ids(list(api, "status=TODO,IN_PROGRESS"))).containsExactly(e, c, b, a);
            assertThat(ids(list(api, "status=CANCELED&status=DONE"))).containsExactly(d);
            assertThat(ids(list(api, "priority=URGENT"))).containsExactly(b);
            assertThat(ids(list(api, "assigneeId=ann"))).containsExactly(a);
            assertThat(ids(list(api, "createdBy=carl"))).containsExactly(c);
            assertThat(ids(list(api, "tags=finance"))).containsExactly(b, a);
            assertThat(ids(list(api, "tags=FINANCE,q3"))).containsExactly(a);
            assertThat(ids(list(api, "dueDate%5Bgt%5D=" + now.plus(2, ChronoUnit.DAYS)))).containsExactly(e, b);
            assertThat(ids(list(api, "dueDate%5Blt%5D=" + now.plus(2, ChronoUnit.DAYS)))).containsExactly(a);
            assertThat(ids(list(api, "dueDate%5Bexists%5D=false"))).containsExactly(d, c);
            assertThat(ids(list(api, "dueDate%5Bexists%5D=true&tags=finance"))).containsExactly(b, a);
            assertThat(ids(list(api, "search=budget"))).containsExactly(d, b);
            JsonNode counted = list(api, "search=budget&limit=1");
            assertThat(counted.at("/pagination/total").asInt()).isEqualTo(2);

            assertThat(ids(list(api, "sort=createdAt"))).containsExactly(a, b, c, d, e);
            assertThat(ids(list(api, "sort=title"))).containsExactly(a, b, d, e, c);
            assertThat(ids(list(api, "sort=-priority"))).startsWith(b, a).endsWith(c);
            assertThat(ids(list(api, "sort=dueDate"))).startsWith(a, b, e);
            assertThat(ids(list(api, "sort=-dueDate"))).startsWith(e, b, a);
            assertThat(ids(list(api, "sort=status"))).startsWith(d, b);
            assertThat(ids(list(api, "sort=-updatedAt")).get(0)).isEqualTo(d);
        }
    }

    private static String create(ApiClient api, String key, String body) {
        ApiClient.Reply r = api.post("/v1/tasks", key, body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static JsonNode list(ApiClient api, String query) {
        ApiClient.Reply r = api.get("/v1/tasks?" + query, ADMIN);
        assertThat(r.status()).as(query + " -> " + r.raw().body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }
}
