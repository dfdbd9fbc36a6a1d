package io.taskbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The Workiva Platform API on loopback, as seeds 000, 003 and 004 describe it (and the 2026-01-01
 * paths): OAuth2 client credentials, {@code X-Version} checked per path, tasks in memory with the
 * seeds' field names, {@code $filter} on {@code modified.dateTime}, {@code $orderBy},
 * {@code $maxpagesize} and {@code @nextLink}, action submissions, JSON Patch, and the seeds' error
 * bodies.
 */
public final class FakeWorkiva extends FakeTaskServer {
    public static final String CLIENT_ID = "client-1";
    public static final String CLIENT_SECRET = "s3cret-client-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    /** A task as the fake holds it. */
    public static final class Task {
        public final String id;
        public String title;
        public String description;
        public String status = "Created";
        public List<String> assignees = new ArrayList<>();
        public String due;
        public Instant created;
        public Instant modified;
        public ArrayNode approvalSteps = JSON.createArrayNode();

        Task(String id) {
            this.id = id;
        }
    }

    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenCounter = new AtomicInteger();
    private final AtomicInteger idCounter = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong(Instant.parse("2026-11-23T10:00:00Z").toEpochMilli());
    private volatile long expiresIn = 3600;

    public FakeWorkiva() {
        super();
    }

    @Override
    protected void routes(RoutesConfig r) {
        r.post("/iam/v1/oauth2/token", this::token);
        r.post("/platform/v1/tasks", ctx -> authed(ctx, "2022-01-01", () -> create(ctx, "task")));
        r.get("/platform/v1/tasks/{id}", ctx -> authed(ctx, "2022-01-01", () -> one(ctx, "task")));
        r.patch("/platform/v1/tasks/{id}", ctx -> authed(ctx, "2022-01-01", () -> patch(ctx, "task")));
        r.get("/prototype/platform/tasks", ctx -> authed(ctx, "2022-01-01", () -> list(ctx, "prototype")));
        r.post("/prototype/platform/tasks/{id}/actionSubmission", ctx -> authed(ctx, "2022-01-01", () -> action(ctx, "prototype")));
        r.post("/tasks", ctx -> authed(ctx, "2026-01-01", () -> create(ctx, "v2026")));
        r.get("/tasks", ctx -> authed(ctx, "2026-01-01", () -> list(ctx, "v2026")));
        r.get("/tasks/{id}", ctx -> authed(ctx, "2026-01-01", () -> one(ctx, "v2026")));
        r.patch("/tasks/{id}", ctx -> authed(ctx, "2026-01-01", () -> patch(ctx, "v2026")));
        r.post("/tasks/{id}/actionSubmission", ctx -> authed(ctx, "2026-01-01", () -> action(ctx, "v2026")));
    }

    @Override
    protected boolean skipFailures(Context ctx) {
        return ctx.path().startsWith("/iam/");
    }

    /** Tokens issued from now on last this long. */
    public void tokenLifetime(long seconds) {
        expiresIn = seconds;
    }

    /** Every token issued so far stops working: the next call gets 401 and must fetch a new one. */
    public void expireTokens() {
        validTokens.clear();
    }

    public int tokensIssued() {
        return tokenCounter.get();
    }

    public Task task(String id) {
        return tasks.get(id);
    }

    public List<Task> tasks() {
        return List.copyOf(tasks.values());
    }

    /** Adds a task as someone did in Workiva. */
    public Task seed(String title, String status, String assignee) {
        Task t = new Task("WK" + idCounter.incrementAndGet());
        t.title = title;
        t.status = status;
        if (assignee != null) {
            t.assignees.add(assignee);
        }
        t.created = tick();
        t.modified = t.created;
        tasks.put(t.id, t);
        return t;
    }

    /** Changes a task as someone did in Workiva: its modified time moves on. */
    public void edit(String id, Consumer<Task> change) {
        Task t = tasks.get(id);
        synchronized (t) {
            change.accept(t);
            t.modified = tick();
        }
    }

    /** Adds an approval step with these participants. */
    public static void addStep(Task t, String mode, String... participants) {
        ObjectNode step = t.approvalSteps.addObject();
        step.put("completionMode", mode);
        step.putNull("dueAt");
        ArrayNode ps = step.putArray("participants");
        for (String p : participants) {
            ps.addObject().put("id", p).put("type", "USER");
        }
        step.putArray("responses");
    }

    /**
     * Records {@code user}'s answer on the step that waits, as someone in Workiva's UI: only a
     * participant of that step may answer, once; the status follows (REJECT returns the task, the
     * last step approved approves it).
     */
    public void respond(Task t, String user, String action, String comment) {
        ObjectNode step = (ObjectNode) currentStep(t).orElseThrow(() -> new IllegalStateException("no step waits on " + t.id));
        if (!participants(step).contains(user)) {
            throw new IllegalStateException(user + " is not a participant of the step that waits");
        }
        addResponse(step, user, action, comment);
        if (action.equals("REJECT")) {
            t.status = "Returned";
        } else if (currentStep(t).isEmpty()) {
            t.status = "Approved";
        }
    }

    private Instant tick() {
        return Instant.ofEpochMilli(clock.addAndGet(1000));
    }

    private void token(Context ctx) {
        if (!"client_credentials".equals(ctx.formParam("grant_type"))) {
            halt(ctx, 400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"grant_type must be client_credentials\"}");
            return;
        }
        if (!CLIENT_ID.equals(ctx.formParam("client_id")) || !CLIENT_SECRET.equals(ctx.formParam("client_secret"))) {
            halt(ctx, 401, "{\"error\":\"invalid_client\",\"error_description\":\"bad client\"}");
            return;
        }
        String token = "tok-" + tokenCounter.incrementAndGet();
        validTokens.add(token);
        ctx.json(Map.of("access_token", token, "expires_in", expiresIn, "token_type", "Bearer", "scope", "task:read task:write"));
    }

    private interface Body {
        void run() throws Exception;
    }

    private void authed(Context ctx, String version, Body body) throws Exception {
        String auth = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        if (!auth.startsWith("Bearer ") || !validTokens.contains(auth.substring(7))) {
            halt(ctx, 401, "{\"code\":\"401Unauthorized\",\"message\":\"No valid API token provided\"}");
            return;
        }
        if (!version.equals(ctx.header("X-Version"))) {
            halt(ctx, 400, "{\"code\":\"400BadRequest\",\"message\":\"X-Version " + ctx.header("X-Version")
                    + " does not serve " + ctx.path() + "\"}");
            return;
        }
        body.run();
    }

    private void create(Context ctx, String style) throws Exception {
        JsonNode in = JSON.readTree(ctx.body());
        String title = in.path("title").asText("");
        List<String> assignees = new ArrayList<>();
        in.path("assignees").forEach(a -> assignees.add(a.path("id").asText()));
        if (in.path("assignee").has("id")) {
            assignees.add(in.path("assignee").path("id").asText());
        }
        if (title.isBlank() || ("task".equals(style) && assignees.isEmpty())) {
            halt(ctx, 400, "{\"code\":\"400BadRequest\",\"message\":\"The request was unacceptable, often due to a missing"
                    + " or invalid parameter\",\"details\":[{\"code\":\"required\",\"message\":\"is required\",\"target\":\""
                    + (title.isBlank() ? "title" : "assignee") + "\"}]}");
            return;
        }
        Task t = seed(title, "Created", null);
        t.assignees.addAll(assignees);
        t.description = in.path("description").isTextual() ? in.path("description").asText() : null;
        t.due = in.path("dueDate").isTextual() ? in.path("dueDate").asText() : null;
        ctx.status(201).contentType("application/json").result(JSON.writeValueAsString(render(t, style)));
    }

    private void one(Context ctx, String style) throws Exception {
        Task t = tasks.get(ctx.pathParam("id"));
        if (t == null) {
            halt(ctx, 404, "{\"code\":\"404NotFound\",\"message\":\"The requested resource could not be found\"}");
            return;
        }
        ctx.contentType("application/json").result(JSON.writeValueAsString(render(t, style)));
    }

    private void patch(Context ctx, String style) throws Exception {
        Task t = tasks.get(ctx.pathParam("id"));
        if (t == null) {
            halt(ctx, 404, "{\"code\":\"404NotFound\",\"message\":\"The requested resource could not be found\"}");
            return;
        }
        JsonNode ops = JSON.readTree(ctx.body());
        if (!ops.isArray()) {
            halt(ctx, 400, "{\"code\":\"400BadRequest\",\"message\":\"a JSON Patch array is required\"}");
            return;
        }
        for (JsonNode op : ops) {
            String path = op.path("path").asText();
            if (!op.path("op").asText().equals("replace") || !PATCH_PATHS.get(style).contains(path)) {
                halt(ctx, 400, "{\"code\":\"400BadRequest\",\"message\":\"The request was unacceptable, often due to a"
                        + " missing or invalid parameter\",\"details\":[{\"code\":\"invalid\",\"message\":\"cannot "
                        + op.path("op").asText() + " " + path + "\",\"target\":\"" + path + "\"}]}");
                return;
            }
            if (path.equals("/approvalSteps")) {
                Optional<String> wrong = stepsProblem(op.get("value"));
                if (wrong.isPresent()) {
                    halt(ctx, 400, "{\"code\":\"400BadRequest\",\"message\":\"The request was unacceptable, often due to a"
                            + " missing or invalid parameter\",\"details\":[{\"code\":\"invalid\",\"message\":\""
                            + wrong.get() + "\",\"target\":\"/approvalSteps\"}]}");
                    return;
                }
                if (t.status.equals("Awaiting Approval")) {
                    halt(ctx, 409, "{\"code\":\"409Conflict\",\"message\":\"approval steps can't change while the task"
                            + " is Awaiting Approval\",\"details\":[{\"code\":\"invalid\",\"message\":\"the task awaits"
                            + " approval\",\"target\":\"/approvalSteps\"}]}");
                    return;
                }
            }
        }
        edit(t.id, task -> {
            for (JsonNode op : ops) {
                JsonNode v = op.get("value");
                switch (op.path("path").asText()) {
                    case "/title" -> task.title = v.asText();
                    case "/description" -> task.description = v.isNull() ? null : v.asText();
                    case "/dueDate" -> task.due = v == null || v.isNull() ? null : v.asText();
                    case "/assignees" -> {
                        task.assignees.clear();
                        v.forEach(a -> task.assignees.add(a.path("id").asText()));
                    }
                    case "/assignee" -> {
                        task.assignees.clear();
                        if (v != null && !v.isNull()) {
                            task.assignees.add(v.path("id").asText());
                        }
                    }
                    case "/approvalSteps" -> task.approvalSteps = stored(v);
                    default -> throw new IllegalStateException("checked above: " + op);
                }
            }
        });
        ctx.contentType("application/json").result(JSON.writeValueAsString(render(t, style)));
    }

    private void list(Context ctx, String style) throws Exception {
        String filter = Optional.ofNullable(ctx.queryParam("$filter")).orElse("");
        String order = Optional.ofNullable(ctx.queryParam("$orderBy")).orElse("");
        int size = Integer.parseInt(Optional.ofNullable(ctx.queryParam("$maxpagesize")).orElse("50"));
        int offset = Integer.parseInt(Optional.ofNullable(ctx.queryParam("$next")).orElse("0"));
        if (size < 1 || size > 1000) {
            halt(ctx, 400, "{\"code\":\"400BadRequest\",\"message\":\"$maxpagesize must be 1-1000\"}");
            return;
        }
        List<Task> all = new ArrayList<>(tasks.values());
        if (!filter.isBlank()) {
            String[] p = filter.strip().split("\\s+");
            if (p.length != 3 || !p[0].equals("modified.dateTime")) {
                halt(ctx, 400, "{\"code\":\"400BadRequest\",\"message\":\"unsupported $filter\"}");
                return;
            }
            Instant at = Instant.parse(p[2]);
            all.removeIf(t -> switch (p[1]) {
                case "gt" -> !t.modified.isAfter(at);
                case "ge" -> t.modified.isBefore(at);
                case "lt" -> !t.modified.isBefore(at);
                default -> false;
            });
        }
        Comparator<Task> byModified = Comparator.comparing((Task t) -> t.modified).thenComparing(t -> t.id);
        all.sort(order.endsWith("desc") ? byModified.reversed() : byModified);
        List<Task> page = all.subList(Math.min(offset, all.size()), Math.min(offset + size, all.size()));
        ObjectNode out = JSON.createObjectNode();
        ArrayNode data = out.putArray("data");
        page.forEach(t -> data.add(render(t, style)));
        if (offset + size < all.size()) {
            out.put("@nextLink", baseUrl() + ctx.path() + "?$filter=" + enc(filter) + "&$orderBy=" + enc(order)
                    + "&$maxpagesize=" + size + "&$next=" + (offset + size));
        }
        ctx.contentType("application/json").result(JSON.writeValueAsString(out));
    }

    /**
     * The statuses each action may be submitted from (seed 004, REFERENCE's action list): approval
     * answers only while a task awaits approval, SUBMIT from work in progress, RESTART to reopen,
     * CANCEL from anything not yet cancelled. Anything else is a 409, as Workiva refuses an action
     * that does not fit the task's state; an action not in this table is a 400.
     */
    static final Map<String, Set<String>> ACTION_FROM = Map.of(
            "SUBMIT", Set.of("Created", "Staged", "Started", "Returned", "Reworking"),
            "APPROVE", Set.of("Awaiting Approval"),
            "REJECT", Set.of("Awaiting Approval"),
            "SKIP", Set.of("Awaiting Approval"),
            "CANCEL", Set.of("Created", "Staged", "Started", "Returned", "Reworking", "Awaiting Approval", "Approved",
                    "Completed"),
            "RESTART", Set.of("Created", "Staged", "Returned", "Reworking", "Awaiting Approval", "Approved", "Completed"));

    /**
     * The JSON Patch paths each API version takes here, all with {@code op: replace}: 2026-01-01's
     * documented list, and seed 000's Task fields for 2022-01-01 (a single {@code assignee}). The
     * fake keeps no location or owner, so it refuses those rather than pretend to store them; any
     * other path is a 400 naming it, never silently ignored.
     */
    static final Map<String, Set<String>> PATCH_PATHS = Map.of(
            "v2026", Set.of("/title", "/description", "/dueDate", "/assignees", "/approvalSteps"),
            "task", Set.of("/title", "/description", "/dueDate", "/assignee"));

    /**
     * Why a {@code /approvalSteps} value is refused, as the 2026-01-01 Task's step shape has it: an
     * array (at most 10) of steps, each with {@code completionMode} ONE or ALL, one or more
     * {@code participants} of {@code {id, type: USER}} and an optional {@code dueDate}; the
     * {@code responses} are Workiva's record of answers and can't be written.
     */
    static Optional<String> stepsProblem(JsonNode value) {
        if (value == null || !value.isArray() || value.size() > 10) {
            return Optional.of("approvalSteps must be an array of at most 10 steps");
        }
        for (JsonNode step : value) {
            java.util.Iterator<String> names = step.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!Set.of("completionMode", "participants", "dueDate").contains(name)) {
                    return Optional.of("approvalSteps[]." + name + (name.equals("responses") ? " is read-only" : " is unknown"));
                }
            }
            if (!Set.of("ONE", "ALL").contains(step.path("completionMode").asText())) {
                return Optional.of("approvalSteps[].completionMode must be ONE or ALL");
            }
            JsonNode ps = step.path("participants");
            if (!ps.isArray() || ps.isEmpty()) {
                return Optional.of("approvalSteps[].participants needs at least one participant");
            }
            for (JsonNode p : ps) {
                if (!p.path("id").isTextual() || p.path("id").asText().isBlank() || !"USER".equals(p.path("type").asText())) {
                    return Optional.of("approvalSteps[].participants[] must be {id, type: USER}");
                }
            }
            JsonNode due = step.get("dueDate");
            if (due != null && !due.isNull()) {
                try {
                    Instant.parse(due.asText());
                } catch (java.time.format.DateTimeParseException e) {
                    return Optional.of("approvalSteps[].dueDate must be an RFC 3339 date-time");
                }
            }
        }
        return Optional.empty();
    }

    /** Steps as written, each with Workiva's empty record of responses. */
    private static ArrayNode stored(JsonNode value) {
        ArrayNode steps = JSON.createArrayNode();
        for (JsonNode step : value) {
            ObjectNode s = steps.addObject();
            s.put("completionMode", step.path("completionMode").asText());
            s.set("participants", step.get("participants").deepCopy());
            s.set("dueDate", step.has("dueDate") ? step.get("dueDate").deepCopy() : JSON.nullNode());
            s.putArray("responses");
        }
        return steps;
    }

    /** The user the OAuth client acts as: its approval answers are recorded under this id. */
    public static final String CLIENT_USER = "VCLIENT";

    private void action(Context ctx, String style) throws Exception {
        Task t = tasks.get(ctx.pathParam("id"));
        if (t == null) {
            halt(ctx, 404, "{\"code\":\"404NotFound\",\"message\":\"The requested resource could not be found\"}");
            return;
        }
        JsonNode in = JSON.readTree(ctx.body());
        String action = in.path("action").asText();
        String comment = in.path("comment").isTextual() ? in.path("comment").asText() : null;
        Optional<String> refused;
        synchronized (t) {
            refused = refusal(t, action);
            if (refused.isEmpty()) {
                apply(t, action, comment);
                t.modified = tick();
            }
        }
        if (refused.isPresent()) {
            String[] r = refused.get().split(" ", 2);
            halt(ctx, Integer.parseInt(r[0].substring(0, 3)), "{\"code\":\"" + r[0] + "\",\"message\":\"" + r[1]
                    + "\",\"details\":[{\"code\":\"invalid\",\"message\":\"" + r[1] + "\",\"target\":\"action\"}]}");
            return;
        }
        ctx.contentType("application/json").result(JSON.writeValueAsString(render(t, style)));
    }

    /** Why Workiva refuses {@code action} on {@code t} now ("409Conflict why"), if it does. */
    private static Optional<String> refusal(Task t, String action) {
        Set<String> from = ACTION_FROM.get(action);
        if (from == null) {
            return Optional.of("400BadRequest unknown action '" + action + "'");
        }
        if (!from.contains(t.status)) {
            return Optional.of("409Conflict " + action + " is not allowed while the task is " + t.status);
        }
        if (action.equals("APPROVE") || action.equals("REJECT")) {
            Optional<JsonNode> step = currentStep(t);
            if (step.isEmpty()) {
                return Optional.of("409Conflict the task has no approval step waiting");
            }
            if (!participants(step.get()).contains(CLIENT_USER)) {
                return Optional.of("403Forbidden " + CLIENT_USER + " is not a participant of the current step");
            }
            for (JsonNode r : step.get().path("responses")) {
                if (r.path("created").path("user_id").asText().equals(CLIENT_USER)) {
                    return Optional.of("409Conflict " + CLIENT_USER + " already answered the current step");
                }
            }
        }
        return Optional.empty();
    }

    private void apply(Task t, String action, String comment) {
        switch (action) {
            case "APPROVE", "REJECT" -> {
                ObjectNode step = (ObjectNode) currentStep(t).orElseThrow();
                addResponse(step, CLIENT_USER, action, comment);
                if (action.equals("REJECT")) {
                    t.status = "Returned";
                } else if (currentStep(t).isEmpty()) {
                    t.status = "Approved";
                }
            }
            case "SKIP" -> {
                ObjectNode step = (ObjectNode) currentStep(t).orElseThrow();
                step.put("skipped", true);
                if (currentStep(t).isEmpty()) {
                    t.status = "Approved";
                }
            }
            case "SUBMIT" -> t.status = currentStep(t).isEmpty() ? "Completed" : "Awaiting Approval";
            case "CANCEL" -> t.status = "Cancelled";
            case "RESTART" -> {
                t.status = "Started";
                t.approvalSteps.forEach(step -> {
                    ((ArrayNode) step.get("responses")).removeAll();
                    ((ObjectNode) step).remove("skipped");
                });
            }
            default -> throw new IllegalStateException(action);
        }
    }

    /**
     * The step that waits: the first one not yet complete. ONE completes with one APPROVE, ALL
     * with an APPROVE from every participant; a REJECT leaves it waiting (the task goes back).
     */
    static Optional<JsonNode> currentStep(Task t) {
        for (JsonNode step : t.approvalSteps) {
            if (step.path("skipped").asBoolean(false)) {
                continue;
            }
            Set<String> approved = new java.util.HashSet<>();
            for (JsonNode r : step.path("responses")) {
                if (r.path("action").asText().equals("APPROVE")) {
                    approved.add(r.path("created").path("user_id").asText());
                }
            }
            boolean complete = "ALL".equals(step.path("completionMode").asText())
                    ? approved.containsAll(participants(step)) : !approved.isEmpty();
            if (!complete) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    private static List<String> participants(JsonNode step) {
        List<String> ids = new ArrayList<>();
        step.path("participants").forEach(p -> ids.add(p.path("id").asText()));
        return ids;
    }

    private void addResponse(ObjectNode step, String user, String action, String comment) {
        ObjectNode r = ((ArrayNode) step.get("responses")).addObject();
        r.put("action", action);
        if (comment != null) {
            r.put("comment", comment);
        }
        r.putObject("created").put("dateTime", Instant.ofEpochMilli(clock.get()).toString()).put("user_id", user);
    }

    /** The task in the shape of seed 000 ("task"), seed 003/004 ("prototype") or 2026-01-01. */
    ObjectNode render(Task t, String style) {
        ObjectNode n = JSON.createObjectNode();
        if (!"task".equals(style)) {
            n.set("approvalSteps", t.approvalSteps.deepCopy());
            ArrayNode as = n.putArray("assignees");
            t.assignees.forEach(a -> as.addObject().put("id", a).put("type", "USER"));
        } else if (!t.assignees.isEmpty()) {
            n.putObject("assignee").put("id", t.assignees.get(0)).put("displayName", "Jane Doe")
                    .put("email", "jane.doe@example.com");
        }
        n.putObject("created").put("dateTime", t.created.toString());
        if (t.description != null) {
            n.put("description", t.description);
        }
        String dueField = "prototype".equals(style) ? "dueAt" : "dueDate";
        if (t.due != null) {
            n.put(dueField, t.due);
        } else {
            n.putNull(dueField);
        }
        n.put("id", t.id);
        n.putObject("modified").put("dateTime", t.modified.toString());
        n.put("sourceUrl", "https://app.wdesk.com/tasks/d/" + t.id);
        n.put("status", t.status);
        n.put("title", t.title);
        return n;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
