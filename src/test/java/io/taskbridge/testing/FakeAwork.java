package io.taskbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * awork API v1 on loopback (seed 002): bearer API key, tasks with {@code taskStatus}, project
 * statuses, {@code changestatuses} (204, or 207 when a status id is unknown), {@code setassignees},
 * lists with {@code filterby=updatedOn ge|gt datetime'…'}, {@code orderby}, {@code page},
 * {@code pageSize} and the {@code aw-*} headers; errors {@code {code, description, validationErrors}};
 * 429 with {@code RateLimit-Reset}.
 */
public final class FakeAwork extends FakeTaskServer {
    public static final String KEY = "aw-test-key";
    public static final String PROJECT = "123e4567-e89b-12d3-a456-426614174000";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String[]> STATUSES = Map.of(
            "s-todo", new String[] {"To do", "todo"}, "s-progress", new String[] {"Conceptualize", "progress"},
            "s-review", new String[] {"Client review", "review"}, "s-done", new String[] {"Done", "done"});

    /** A task as the fake holds it. */
    public static final class Task {
        public final String id;
        public String name;
        public String description;
        public String statusId = "s-todo";
        public String projectId;
        public List<String> assignees = new ArrayList<>();
        public String dueOn;
        public Instant updatedOn;

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
            if (!("Bearer " + KEY).equals(ctx.header("Authorization"))) {
                halt(ctx, 401, "{\"code\":\"unauthorized\",\"description\":\"The API key is not valid.\"}");
            }
        });
        r.post("/api/v1/tasks", this::create);
        r.post("/api/v1/tasks/changestatuses", this::changeStatuses);
        r.get("/api/v1/tasks/{id}", ctx -> withTask(ctx, t -> json(ctx, render(t))));
        r.put("/api/v1/tasks/{id}", ctx -> withTask(ctx, t -> {
            JsonNode in = read(ctx);
            edit(t.id, x -> {
                x.name = in.path("name").asText(x.name);
                x.dueOn = in.path("dueOn").isTextual() ? in.path("dueOn").asText() : null;
            });
            json(ctx, render(t));
        }));
        r.post("/api/v1/tasks/{id}/setassignees", ctx -> withTask(ctx, t -> {
            JsonNode in = read(ctx);
            edit(t.id, x -> {
                x.assignees.clear();
                in.forEach(a -> x.assignees.add(a.asText()));
            });
            json(ctx, render(t).get("assignees"));
        }));
        r.get("/api/v1/projects/{project}/taskstatuses", ctx -> {
            ArrayNode out = JSON.createArrayNode();
            List.of("s-todo", "s-progress", "s-review", "s-done").forEach(id -> out.addObject().put("id", id)
                    .put("name", STATUSES.get(id)[0]).put("type", STATUSES.get(id)[1]));
            json(ctx, out);
        });
        r.get("/api/v1/projects/{project}/projecttasks", ctx -> list(ctx, Optional.of(ctx.pathParam("project"))));
        r.get("/api/v1/me/privatetasks", ctx -> list(ctx, Optional.empty()));
    }

    @Override
    protected String versionHeader(Context ctx) {
        return null;
    }

    @Override
    protected String rateLimitHeader() {
        return "RateLimit-Reset";
    }

    @Override
    protected String rateLimitBody() {
        return "{\"code\":\"too-many-requests\",\"description\":\"Rate limit exceeded.\"}";
    }

    public List<Task> tasks() {
        return List.copyOf(tasks.values());
    }

    public Task seed(String name, String projectId) {
        Task t = new Task("aw-" + ids.incrementAndGet());
        t.name = name;
        t.projectId = projectId;
        t.updatedOn = tick();
        tasks.put(t.id, t);
        return t;
    }

    public void edit(String id, Consumer<Task> change) {
        Task t = tasks.get(id);
        synchronized (t) {
            change.accept(t);
            t.updatedOn = tick();
        }
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
            halt(ctx, 404, "{\"code\":\"not-found\",\"description\":\"Task not found.\"}");
            return;
        }
        body.run(t);
    }

    private void create(Context ctx) throws Exception {
        JsonNode in = read(ctx);
        ObjectNode errors = JSON.createObjectNode();
        ArrayNode v = errors.putArray("validationErrors");
        if (in.path("name").asText("").isBlank()) {
            v.addObject().put("property", "name").put("message", "The Name field is required.");
        }
        String base = in.path("baseType").asText("");
        if (!base.equals("private") && !base.equals("projecttask")) {
            v.addObject().put("property", "baseType").put("message", "The BaseType must be private or projecttask.");
        }
        if (base.equals("projecttask") && !in.path("entityId").isTextual()) {
            v.addObject().put("property", "entityId").put("message", "A project task needs the project id.");
        }
        if (!v.isEmpty()) {
            errors.put("code", "validation-failed").put("description", "One or more validation errors occurred.");
            halt(ctx, 400, JSON.writeValueAsString(errors));
            return;
        }
        Task t = seed(in.path("name").asText(), base.equals("projecttask") ? in.path("entityId").asText() : null);
        t.description = in.path("description").isTextual() ? in.path("description").asText() : null;
        t.dueOn = in.path("dueOn").isTextual() ? in.path("dueOn").asText() : null;
        ctx.status(200);
        json(ctx, render(t));
    }

    private void changeStatuses(Context ctx) throws Exception {
        JsonNode in = read(ctx);
        ArrayNode failures = JSON.createArrayNode();
        for (JsonNode change : in) {
            Task t = tasks.get(change.path("taskId").asText());
            String status = change.path("statusId").asText();
            if (t == null || !STATUSES.containsKey(status)) {
                failures.addObject().put("taskId", change.path("taskId").asText()).put("status", 400)
                        .put("description", "Unknown task or status.");
            } else {
                edit(t.id, x -> x.statusId = status);
            }
        }
        if (failures.isEmpty()) {
            ctx.status(204);
        } else {
            ctx.status(207);
            json(ctx, failures);
        }
    }

    private static final Pattern FILTER = Pattern.compile("updatedOn (gt|ge) datetime'([^']+)'");

    private void list(Context ctx, Optional<String> project) throws Exception {
        int page = Integer.parseInt(Optional.ofNullable(ctx.queryParam("page")).orElse("1"));
        int size = Integer.parseInt(Optional.ofNullable(ctx.queryParam("pageSize")).orElse("50"));
        List<Task> all = new ArrayList<>(tasks.values().stream()
                .filter(t -> project.map(p -> p.equals(t.projectId)).orElse(t.projectId == null)).toList());
        String filter = ctx.queryParam("filterby");
        if (filter != null) {
            Matcher m = FILTER.matcher(filter);
            if (!m.matches()) {
                halt(ctx, 400, "{\"code\":\"invalid-filter\",\"description\":\"Unsupported filter.\"}");
                return;
            }
            Instant at = LocalDateTime.parse(m.group(2)).toInstant(ZoneOffset.UTC);
            all.removeIf(t -> m.group(1).equals("gt") ? !t.updatedOn.isAfter(at) : t.updatedOn.isBefore(at));
        }
        all.sort(Comparator.comparing((Task t) -> t.updatedOn).thenComparing(t -> t.id));
        List<Task> slice = all.subList(Math.min((page - 1) * size, all.size()), Math.min(page * size, all.size()));
        ArrayNode out = JSON.createArrayNode();
        slice.forEach(t -> out.add(render(t)));
        ctx.header("aw-page", String.valueOf(page)).header("aw-pagesize", String.valueOf(size))
                .header("aw-totalitems", String.valueOf(all.size()));
        json(ctx, out);
    }

    ObjectNode render(Task t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", t.id).put("name", t.name).put("baseType", t.projectId == null ? "private" : "projecttask");
        if (t.description != null) {
            n.put("description", t.description);
        }
        n.put("isPrio", false);
        if (t.dueOn != null) {
            n.put("dueOn", t.dueOn);
        } else {
            n.putNull("dueOn");
        }
        n.put("taskStatusId", t.statusId);
        n.putObject("taskStatus").put("id", t.statusId).put("name", STATUSES.get(t.statusId)[0])
                .put("type", STATUSES.get(t.statusId)[1]);
        ArrayNode as = n.putArray("assignees");
        t.assignees.forEach(a -> as.addObject().put("id", a).put("firstName", "Carla").put("lastName", "Creative"));
        if (t.projectId != null) {
            n.put("projectId", t.projectId).put("entityId", t.projectId);
        }
        n.put("createdOn", t.updatedOn.toString()).put("updatedOn", t.updatedOn.toString());
        return n;
    }

    private static JsonNode read(Context ctx) throws Exception {
        return JSON.readTree(ctx.body().isBlank() ? "null" : ctx.body());
    }

    private static void json(Context ctx, JsonNode n) throws Exception {
        ctx.contentType("application/json").result(JSON.writeValueAsString(n));
    }
}
