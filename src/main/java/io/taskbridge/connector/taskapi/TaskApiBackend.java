package io.taskbridge.connector.taskapi;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client of the generic task REST protocol (seed 001): bearer token, {@code POST /tasks},
 * {@code GET /tasks/{id}}, {@code PATCH /tasks/{id}}, {@code GET /tasks} with {@code limit} and
 * {@code offset}. Its statuses are seed 001's, so they map one to one. The protocol has no filter
 * on {@code updatedAt}, so changes are read newest first ({@code sort=-updatedAt}) until a page
 * reaches the cursor: the requests grow with the changes, not with all tasks. A 422's
 * {@code details} come back field by field.
 */
public final class TaskApiBackend implements TaskBackend {
    public static final String NAME = "taskapi";
    static final int PAGE_SIZE = 100;
    /**
     * A guard against a server that never stops answering full pages: past this many (a million
     * tasks) the poll fails, and the cursor stays where it was, rather than skip what it did not read.
     */
    static final int MAX_PAGES = 10_000;

    private final TaskApiSettings settings;
    private final BackendHttp http;
    private final ObjectMapper json;

    public TaskApiBackend(TaskApiSettings settings, BackendHttp.Policy policy, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        BackendHttp.Auth auth = () -> "Bearer " + settings.token().value();
        this.http = new BackendHttp("the task API", "An admin should check TASKAPI_TOKEN.", policy, this::problem, auth,
                d -> Thread.sleep(d.toMillis()), clock);
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
        return "the task API";
    }

    @Override
    public Result submitDecision(Submission s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", s.decision().name());
        s.comment().ifPresent(c -> body.put("comment", c));
        return Result.of(() -> send("POST", "/tasks/" + Urls.encode(s.externalId()) + "/actionSubmission",
                Optional.of(JsonBodies.write(json, body)), false));
    }

    @Override
    public RemoteTask create(NewTask t) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", t.title());
        t.description().ifPresent(d -> body.put("description", d));
        body.put("priority", t.priority() ? "HIGH" : "MEDIUM");
        t.assignee().ifPresent(a -> body.put("assigneeId", a));
        t.dueDate().ifPresent(d -> body.put("dueDate", d.toString()));
        return task(send("POST", "/tasks", Optional.of(JsonBodies.write(json, body)), false));
    }

    @Override
    public RemoteTask get(String externalId) {
        return task(send("GET", "/tasks/" + Urls.encode(externalId), Optional.empty(), true));
    }

    @Override
    public ChangedPage changedSince(Instant since, Optional<String> next) {
        List<RemoteTask> changed = new ArrayList<>();
        for (int page = 0; ; page++) {
            if (page == MAX_PAGES) {
                throw new IllegalStateException("the task API kept answering full pages past " + MAX_PAGES
                        + " pages; the poll stops without moving its cursor");
            }
            URI uri = URI.create(settings.baseUrl() + "/tasks?sort=-updatedAt&limit=" + PAGE_SIZE + "&offset=" + page * PAGE_SIZE);
            JsonNode body = JsonBodies.read(json, "the task API", http.send(BackendHttp.Request.get(uri)).body());
            JsonNode data = body.isArray() ? body : body.path("data");
            boolean reachedCursor = false;
            for (JsonNode n : data) {
                RemoteTask t = task(n);
                if (t.modified().isBefore(since)) {
                    reachedCursor = true;
                    break;
                }
                changed.add(t);
            }
            if (reachedCursor || data.size() < PAGE_SIZE) {
                break;
            }
        }
        Collections.reverse(changed);
        return new ChangedPage(changed, Optional.empty());
    }

    @Override
    public RemoteTask updateStatus(String externalId, Status status) {
        return patch(externalId, Map.of("status", status.name()));
    }

    @Override
    public RemoteTask assign(String externalId, Optional<String> assignee) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("assigneeId", assignee.orElse(null));
        return patch(externalId, body);
    }

    @Override
    public RemoteTask reschedule(String externalId, Optional<Instant> dueDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dueDate", dueDate.map(Instant::toString).orElse(null));
        return patch(externalId, body);
    }

    @Override
    public Optional<String> findUserByEmail(String email) {
        throw new BackendException.Unsupported("The task API has no user look-up: link people with"
                + " `/task link @person <user id>`.");
    }

    private RemoteTask patch(String externalId, Map<String, Object> body) {
        return task(send("PATCH", "/tasks/" + Urls.encode(externalId), Optional.of(JsonBodies.write(json, body)), true));
    }

    private JsonNode send(String method, String path, Optional<String> body, boolean idempotent) {
        return JsonBodies.read(json, "the task API", http.send(new BackendHttp.Request(method,
                URI.create(settings.baseUrl() + path), body, Map.of(), idempotent)).body());
    }

    RemoteTask task(JsonNode n) {
        String id = n.path("id").isNumber() ? n.path("id").asText()
                : JsonBodies.text(n, "id").orElseThrow(() -> new BackendException.Unavailable("the task API", "a task without an id"));
        String status = JsonBodies.text(n, "status").orElse("TODO");
        Status ours;
        try {
            ours = Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            ours = Status.IN_PROGRESS;
        }
        String title = JsonBodies.text(n, "title").orElse("(untitled)");
        Instant modified = JsonBodies.instant(n.get("updatedAt")).or(() -> JsonBodies.instant(n.get("createdAt")))
                .orElse(Instant.EPOCH);
        return new RemoteTask(id, TaskRules.fit(title, TaskRules.MAX_TITLE),
                JsonBodies.text(n, "description"), ours, status,
                JsonBodies.text(n, "assigneeId").map(List::of).orElse(List.of()),
                JsonBodies.instant(n.get("dueDate")), modified, List.of(), Optional.empty());
    }

    private BackendHttp.BackendProblem problem(int status, String body) {
        JsonNode error = JsonBodies.read(json, "the task API", body).path("error");
        Map<String, String> fields = new LinkedHashMap<>();
        JsonNode details = error.path("details");
        if (details.isObject()) {
            details.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        } else if (details.isArray()) {
            for (JsonNode d : details) {
                fields.put(JsonBodies.text(d, "field").or(() -> JsonBodies.text(d, "target")).orElse("request"),
                        JsonBodies.text(d, "message").orElse(d.asText()));
            }
        }
        return JsonBodies.problem(error, "message", status, fields);
    }
}
