package io.taskbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A server speaking seed 001's protocol on loopback: bearer token, {@code POST/GET /tasks},
 * {@code GET/PATCH /tasks/{id}} with the strict lifecycle (422 {@code invalid_status_transition}),
 * {@code limit}/{@code offset}/{@code sort}, and {@code {"error":{code,message,details}}} bodies.
 * A title containing "forbidden" is refused with a field detail, so tests can see one.
 */
public final class FakeTaskApi extends FakeTaskServer {
    /**
     * Seed 001's lifecycle, written out here rather than borrowed from Taskbridge's own
     * {@code Status}, so a wrong lifecycle in the service is not mirrored by its fake:
     * TODO→IN_PROGRESS|CANCELED; IN_PROGRESS→REVIEW|CANCELED; REVIEW→DONE|IN_PROGRESS|CANCELED;
     * DONE→CANCELED; CANCELED is final.
     */
    static final Map<String, List<String>> TRANSITIONS = Map.of(
            "TODO", List.of("IN_PROGRESS", "CANCELED"),
            "IN_PROGRESS", List.of("REVIEW", "CANCELED"),
            "REVIEW", List.of("DONE", "IN_PROGRESS", "CANCELED"),
            "DONE", List.of("CANCELED"),
            "CANCELED", List.of());

    public static final String TOKEN = "taskapi-test-token";
    static final ObjectMapper JSON = new ObjectMapper();

    /** A task as the fake holds it. */
    public static final class Task {
        public final String id;
        public String title;
        public String status = "TODO";
        public String assigneeId;
        public String dueDate;
        public Instant updatedAt;

        Task(String id) {
            this.id = id;
        }
    }

    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong(Instant.parse("2026-11-23T10:00:00Z").toEpochMilli());

    @Override
    protected void routes(RoutesConfig r) {
        r.before(ctx -> {
            if (!("Bearer " + TOKEN).equals(ctx.header("Authorization"))) {
                halt(ctx, 401, "{\"error\":{\"code\":\"invalid_authentication\",\"message\":\"The token is not valid\"}}");
            }
        });
        r.post("/tasks", this::create);
        r.get("/tasks", this::list);
        r.get("/tasks/{id}", ctx -> withTask(ctx, t -> json(ctx, render(t))));
        r.patch("/tasks/{id}", this::patch);
    }

    @Override
    protected String versionHeader(Context ctx) {
        return null;
    }

    @Override
    protected String rateLimitBody() {
        return "{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"Too many requests\"}}";
    }

    public List<Task> tasks() {
        return List.copyOf(tasks.values());
    }

    public Task seed(String title, String status) {
        Task t = new Task("task" + ids.incrementAndGet());
        t.title = title;
        t.status = status;
        t.updatedAt = tick();
        tasks.put(t.id, t);
        return t;
    }

    public void edit(String id, Consumer<Task> change) {
        Task t = tasks.get(id);
        change.accept(t);
        t.updatedAt = tick();
    }

    private Instant tick() {
        return Instant.ofEpochMilli(clock.addAndGet(1000));
    }

    private interface Body {
        void run(Task t) throws Exception;
    }

    private void withTask(Context ctx, Body body) throws Exception {
        Task t = tasks.get(ctx.pathParam("id"));
        if (t == null) {
            halt(ctx, 404, "{\"error\":{\"code\":\"resource_not_found\",\"message\":\"Task not found\"}}");
            return;
        }
        body.run(t);
    }

    private void create(Context ctx) throws Exception {
        JsonNode in = JSON.readTree(ctx.body());
        String title = in.path("title").asText("");
        if (title.isBlank() || title.contains("forbidden")) {
            halt(ctx, 422, "{\"error\":{\"code\":\"validation_error\",\"message\":\"The request contains invalid data\","
                    + "\"details\":{\"title\":\"" + (title.isBlank() ? "Title is required" : "Title must not contain forbidden words")
                    + "\"}}}");
            return;
        }
        Task t = seed(title, in.path("status").asText("TODO"));
        t.assigneeId = in.path("assigneeId").isTextual() ? in.path("assigneeId").asText() : null;
        t.dueDate = in.path("dueDate").isTextual() ? in.path("dueDate").asText() : null;
        ctx.status(201);
        json(ctx, render(t));
    }

    private void patch(Context ctx) throws Exception {
        withTask(ctx, t -> {
            JsonNode in = JSON.readTree(ctx.body());
            if (in.has("status")) {
                String from = t.status;
                String to = in.path("status").asText();
                if (!TRANSITIONS.containsKey(to)) {
                    halt(ctx, 422, "{\"error\":{\"code\":\"invalid_field_value\",\"message\":\"Unknown status " + to
                            + "\",\"details\":{\"status\":\"one of " + TRANSITIONS.keySet() + "\"}}}");
                    return;
                }
                if (!from.equals(to) && !TRANSITIONS.get(from).contains(to)) {
                    halt(ctx, 422, "{\"error\":{\"code\":\"invalid_status_transition\",\"message\":\"Cannot move from "
                            + from + " to " + to + "\",\"details\":{\"status\":\"Allowed from " + from + ": "
                            + TRANSITIONS.get(from) + "\"}}}");
                    return;
                }
            }
            edit(t.id, x -> {
                if (in.has("status")) {
                    x.status = in.path("status").asText();
                }
                if (in.has("assigneeId")) {
                    x.assigneeId = in.path("assigneeId").isNull() ? null : in.path("assigneeId").asText();
                }
                if (in.has("dueDate")) {
                    x.dueDate = in.path("dueDate").isNull() ? null : in.path("dueDate").asText();
                }
            });
            json(ctx, render(t));
        });
    }

    private void list(Context ctx) throws Exception {
        int limit = Integer.parseInt(Optional.ofNullable(ctx.queryParam("limit")).orElse("10"));
        int offset = Integer.parseInt(Optional.ofNullable(ctx.queryParam("offset")).orElse("0"));
        if (limit < 1 || limit > 100) {
            halt(ctx, 400, "{\"error\":{\"code\":\"invalid_parameters\",\"message\":\"limit must be 1-100\"}}");
            return;
        }
        String sort = Optional.ofNullable(ctx.queryParam("sort")).orElse("-createdAt");
        List<Task> all = new ArrayList<>(tasks.values());
        Comparator<Task> c = Comparator.comparing((Task t) -> t.updatedAt).thenComparing(t -> t.id);
        all.sort(sort.startsWith("-") ? c.reversed() : c);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode data = out.putArray("data");
        all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size())).forEach(t -> data.add(render(t)));
        out.putObject("pagination").put("total", all.size()).put("limit", limit).put("offset", offset);
        json(ctx, out);
    }

    ObjectNode render(Task t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", t.id).put("title", t.title).put("status", t.status).put("priority", "MEDIUM");
        if (t.assigneeId != null) {
            n.put("assigneeId", t.assigneeId);
        }
        if (t.dueDate != null) {
            n.put("dueDate", t.dueDate);
        }
        n.put("createdBy", "user456").put("createdAt", t.updatedAt.toString()).put("updatedAt", t.updatedAt.toString());
        return n;
    }

    private static void json(Context ctx, JsonNode n) throws Exception {
        ctx.contentType("application/json").result(JSON.writeValueAsString(n));
    }
}
