package io.taskbridge.connector.awork;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.connector.BackendException;
import io.taskbridge.connector.BackendHttp;
import io.taskbridge.connector.ChangedPage;
import io.taskbridge.connector.JsonBodies;
import io.taskbridge.connector.Urls;
import io.taskbridge.connector.NewTask;
import io.taskbridge.connector.RemoteTask;
import io.taskbridge.connector.TaskBackend;
import io.taskbridge.task.Status;
import io.taskbridge.task.TaskRules;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * awork API v1 (seed 002): bearer API key; tasks created as project tasks ({@code AWORK_PROJECT_ID})
 * or private tasks; status changes through {@code changestatuses} (204, or 207 with per-task
 * failures), assignees through {@code setassignees}; changed tasks read with
 * {@code filterby=updatedOn ge datetime'…'}, {@code orderby=updatedOn asc}, {@code page} and
 * {@code pageSize}. awork has no approval steps: a decision on an awork task stays in Taskbridge.
 */
public final class AworkBackend implements TaskBackend {
    public static final String NAME = "awork";
    static final int PAGE_SIZE = 100;
    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final AworkSettings settings;
    private final BackendHttp http;
    private final ObjectMapper json;

    public AworkBackend(AworkSettings settings, BackendHttp.Policy policy, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        BackendHttp.Auth auth = () -> "Bearer " + settings.apiKey().value();
        this.http = new BackendHttp("awork", "An admin should check AWORK_API_KEY and the key's permissions.",
                policy, this::problem, auth, d -> Thread.sleep(d.toMillis()), clock);
    }

    @Override
    public java.util.Optional<java.net.URI> baseUrl() {
        return java.util.Optional.of(settings.baseUrl());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "awork";
    }

    @Override
    public Result submitDecision(Submission submission) {
        return new Result.Done(); // awork has no approval steps to hand a decision to
    }

    @Override
    public RemoteTask create(NewTask t) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", t.title());
        body.put("baseType", settings.projectId().isPresent() ? "projecttask" : "private");
        settings.projectId().ifPresent(p -> body.put("entityId", p));
        t.description().ifPresent(d -> body.put("description", d));
        t.dueDate().ifPresent(d -> body.put("dueOn", d.toString()));
        body.put("isPrio", t.priority());
        JsonNode created = send("POST", "/api/v1/tasks", Optional.of(JsonBodies.write(json, body)), false);
        String id = JsonBodies.text(created, "id").orElseThrow(() ->
                new BackendException.Unavailable("awork", "a created task without an id"));
        if (t.assignee().isPresent()) {
            return assign(id, t.assignee());
        }
        return task(created);
    }

    @Override
    public RemoteTask get(String externalId) {
        return task(send("GET", "/api/v1/tasks/" + Urls.encode(externalId), Optional.empty(), true));
    }

    @Override
    public ChangedPage changedSince(Instant since, Optional<String> next) {
        int page = next.map(Integer::parseInt).orElse(1);
        String list = settings.projectId().map(p -> "/api/v1/projects/" + Urls.encode(p) + "/projecttasks")
                .orElse("/api/v1/me/privatetasks");
        String filter = "updatedOn ge datetime'" + LITERAL.format(since.truncatedTo(ChronoUnit.SECONDS)) + "'";
        URI uri = URI.create(settings.baseUrl() + list + "?filterby=" + Urls.encode(filter) + "&orderby=" + Urls.encode("updatedOn asc")
                + "&page=" + page + "&pageSize=" + PAGE_SIZE);
        BackendHttp.Response response = http.send(BackendHttp.Request.get(uri));
        JsonNode body = JsonBodies.read(json, "awork", response.body());
        List<RemoteTask> tasks = new ArrayList<>();
        body.forEach(n -> tasks.add(task(n)));
        long total = response.headers().firstValueAsLong("aw-totalitems").orElse(-1);
        boolean more = total >= 0 ? (long) page * PAGE_SIZE < total : tasks.size() == PAGE_SIZE;
        return new ChangedPage(tasks, more ? Optional.of(String.valueOf(page + 1)) : Optional.empty());
    }

    @Override
    public RemoteTask updateStatus(String externalId, Status status) {
        String type = AworkStatus.type(status).orElseThrow(() -> new BackendException.Invalid(
                "awork has no cancelled status: close or delete the task in awork instead.", Map.of()));
        JsonNode task = send("GET", "/api/v1/tasks/" + Urls.encode(externalId), Optional.empty(), true);
        String project = JsonBodies.text(task, "projectId").orElseThrow(() -> new BackendException.Invalid(
                "This awork task is private, and its statuses can only be changed in awork.", Map.of()));
        String statusId = null;
        for (JsonNode s : send("GET", "/api/v1/projects/" + Urls.encode(project) + "/taskstatuses", Optional.empty(), true)) {
            if (type.equalsIgnoreCase(s.path("type").asText()) && statusId == null) {
                statusId = s.path("id").asText();
            }
        }
        if (statusId == null) {
            throw new BackendException.Invalid("The awork project has no status of type “" + type + "”.", Map.of());
        }
        Map<String, String> change = new LinkedHashMap<>();
        change.put("taskId", externalId);
        change.put("statusId", statusId);
        BackendHttp.Response r = http.send(request("POST", "/api/v1/tasks/changestatuses",
                Optional.of(JsonBodies.write(json, List.of(change))), true));
        if (r.status() == 207) {
            for (JsonNode result : JsonBodies.read(json, "awork", r.body())) {
                int code = result.path("status").asInt(result.path("statusCode").asInt(200));
                if (code >= 300) {
                    throw new BackendException.Invalid("awork did not change the status: "
                            + JsonBodies.text(result, "description").or(() -> JsonBodies.text(result, "message"))
                            .orElse("HTTP " + code), Map.of());
                }
            }
        }
        return get(externalId);
    }

    @Override
    public RemoteTask assign(String externalId, Optional<String> assignee) {
        send("POST", "/api/v1/tasks/" + Urls.encode(externalId) + "/setassignees",
                Optional.of(JsonBodies.write(json, assignee.map(List::of).orElse(List.of()))), true);
        return get(externalId);
    }

    @Override
    public RemoteTask reschedule(String externalId, Optional<Instant> dueDate) {
        JsonNode current = send("GET", "/api/v1/tasks/" + Urls.encode(externalId), Optional.empty(), true);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", current.path("name").asText());
        body.put("description", JsonBodies.text(current, "description").orElse(null));
        body.put("isPrio", current.path("isPrio").asBoolean(false));
        body.put("startOn", JsonBodies.text(current, "startOn").orElse(null));
        body.put("dueOn", dueDate.map(Instant::toString).orElse(null));
        if (current.has("plannedDuration")) {
            body.put("plannedDuration", current.path("plannedDuration").asLong());
        }
        return task(send("PUT", "/api/v1/tasks/" + Urls.encode(externalId), Optional.of(JsonBodies.write(json, body)), true));
    }

    @Override
    public Optional<String> findUserByEmail(String email) {
        throw new BackendException.Unsupported("awork users are linked with `/task link @person <awork user id>`.");
    }

    private JsonNode send(String method, String path, Optional<String> body, boolean idempotent) {
        return JsonBodies.read(json, "awork", http.send(request(method, path, body, idempotent)).body());
    }

    private BackendHttp.Request request(String method, String path, Optional<String> body, boolean idempotent) {
        return new BackendHttp.Request(method, URI.create(settings.baseUrl() + path), body, Map.of(), idempotent);
    }

    RemoteTask task(JsonNode n) {
        String id = JsonBodies.text(n, "id").orElseThrow(() -> new BackendException.Unavailable("awork", "a task without an id"));
        List<String> assignees = new ArrayList<>();
        n.path("assignees").forEach(a -> JsonBodies.text(a, "id").ifPresent(assignees::add));
        JsonNode status = n.path("taskStatus");
        String name = JsonBodies.text(n, "name").orElse("(untitled awork task)");
        Instant modified = JsonBodies.instant(n.get("updatedOn")).or(() -> JsonBodies.instant(n.get("createdOn")))
                .orElse(Instant.EPOCH);
        return new RemoteTask(id, TaskRules.fit(name, TaskRules.MAX_TITLE),
                JsonBodies.text(n, "description"), AworkStatus.toStatus(status.path("type").asText()),
                JsonBodies.text(status, "name").orElse(status.path("type").asText("todo")), assignees,
                JsonBodies.instant(n.get("dueOn")), modified, List.of(), Optional.empty());
    }

    private BackendHttp.BackendProblem problem(int status, String body) {
        JsonNode n = JsonBodies.read(json, "awork", body);
        Map<String, String> fields = new LinkedHashMap<>();
        for (JsonNode v : n.path("validationErrors")) {
            fields.put(JsonBodies.text(v, "property").orElse("request"), JsonBodies.text(v, "message").orElse(""));
        }
        return JsonBodies.problem(n, "description", status, fields);
    }
}
