package io.taskbridge.connector.workiva;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.approval.CompletionMode;
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
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Workiva Platform API (seeds 000, 003, 004, and their 2026-01-01 replacements). Every request
 * carries {@code X-Version} and a cached OAuth2 token; changed tasks are read with
 * {@code $filter=modified.dateTime ge …}, {@code $orderBy=modified.dateTime asc} and
 * {@code @nextLink}. Statuses map as {@link WorkivaStatus} says.
 */
public final class WorkivaBackend implements TaskBackend {
    private static final Logger log = LoggerFactory.getLogger(WorkivaBackend.class);
    public static final String NAME = "workiva";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

    private final WorkivaSettings settings;
    private final BackendHttp http;
    private final ObjectMapper json;
    private final WorkivaToken token;

    public WorkivaBackend(WorkivaSettings settings, BackendHttp.Policy policy, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.token = new WorkivaToken(settings, policy, json, clock);
        this.http = new BackendHttp("Workiva",
                "An admin should check WORKIVA_CLIENT_ID, WORKIVA_CLIENT_SECRET and the client's task:read and task:write scopes.",
                policy, this::problem, token, d -> Thread.sleep(d.toMillis()), clock);
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
        return "Workiva";
    }

    /** Tokens fetched so far: one per {@code expires_in}, plus one after a 401. */
    public int tokensFetched() {
        return token.fetched();
    }

    @Override
    public Result submitDecision(Submission s) {
        return Result.of(() -> {
            if (s.triedSince().isPresent() && alreadyDecided(get(s.externalId()), s)) {
                log.info("Workiva task {} already has the {} an earlier try sent; not submitting it again",
                        s.externalId(), s.decision());
                return;
            }
            action(s.externalId(), s.decision().name(), s.comment());
        });
    }

    /**
     * Creates the review's approval steps on the task (a JSON Patch {@code replace} of
     * {@code /approvalSteps}: per step, {@code WORKIVA_USER_ID} as its one participant, completion
     * mode ONE, its due date), then submits the task ({@code SUBMIT}: Awaiting Approval). Slack holds
     * who approves each step; Workiva records one answer per step, from the user the client acts as.
     * A task already awaiting approval is left as it is (an earlier try got there, or someone in
     * Workiva sent it), so a retry never submits twice.
     */
    @Override
    public Result requestReview(Review review) {
        return Result.of(() -> {
            if (!settings.version().setsApprovalSteps()) {
                throw new BackendException.Unsupported("Workiva API " + settings.version().header()
                        + " can't set a task's approval steps: set WORKIVA_API_VERSION=2026-01-01 to review Workiva tasks"
                        + " from Slack.");
            }
            String participant = settings.userId().orElseThrow(() -> new BackendException.Refused(
                    "Set WORKIVA_USER_ID (the Workiva user the client acts as) to review Workiva tasks from Slack."));
            RemoteTask now = get(review.externalId());
            if (now.status() == Status.REVIEW) {
                log.info("Workiva task {} already awaits approval; not submitting it again", review.externalId());
                return;
            }
            List<Map<String, Object>> steps = new ArrayList<>();
            for (Optional<Instant> due : review.stepDueDates()) {
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("completionMode", "ONE");
                step.put("participants", List.of(WorkivaUser.of(participant)));
                step.put("dueDate", due.map(ISO::format).orElse(null));
                steps.add(step);
            }
            patch(review.externalId(), "/approvalSteps", steps);
            action(review.externalId(), "SUBMIT", Optional.empty());
        });
    }

    /**
     * Whether an earlier try of this decision reached Workiva: a step response with its action made
     * since the try was queued (a minute's leeway for clocks), or, where the read carries no steps
     * (API 2022-01-01), the status the decision leads to.
     */
    static boolean alreadyDecided(RemoteTask task, Submission s) {
        Instant since = s.triedSince().orElseThrow().minus(Duration.ofMinutes(1));
        boolean responded = task.responses().stream()
                .anyMatch(r -> r.action().equalsIgnoreCase(s.decision().name()) && !r.at().isBefore(since));
        Status after = s.decision() == io.taskbridge.approval.Decision.APPROVE ? Status.DONE : Status.IN_PROGRESS;
        return responded || (task.approvalSteps().isEmpty() && task.status() == after);
    }

    @Override
    public RemoteTask create(NewTask t) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", t.title());
        t.description().ifPresent(d -> body.put("description", d));
        if (settings.version().manyAssignees()) {
            t.assignee().ifPresent(a -> body.put("assignees", List.of(WorkivaUser.of(a))));
        } else {
            if (t.assignee().isEmpty()) {
                throw new BackendException.Invalid("Workiva (API 2022-01-01) needs an assignee for every task:"
                        + " assign it to someone linked to Workiva (`/task link`).",
                        Map.of("assigneeId", "Workiva needs an assignee."));
            }
            body.put("assignee", Map.of("id", t.assignee().get()));
        }
        t.dueDate().ifPresent(d -> body.put("dueDate", ISO.format(d)));
        return task(send("POST", settings.version().createPath(), Optional.of(JsonBodies.write(json, body)), false));
    }

    @Override
    public RemoteTask get(String externalId) {
        return task(send("GET", settings.version().itemPath(Urls.encode(externalId)), Optional.empty(), true));
    }

    @Override
    public ChangedPage changedSince(Instant since, Optional<String> next) {
        URI uri;
        if (next.isPresent()) {
            uri = URI.create(next.get());
            if (!sameOrigin(uri)) {
                throw new BackendException.Unavailable("Workiva", "a page link pointed away from WORKIVA_BASE_URL");
            }
        } else {
            String filter = "modified.dateTime ge " + ISO.format(since);
            uri = URI.create(settings.baseUrl() + settings.version().listPath()
                    + "?$filter=" + Urls.encode(filter) + "&$orderBy=" + Urls.encode("modified.dateTime asc")
                    + "&$maxpagesize=" + settings.version().pageSize());
        }
        JsonNode page = JsonBodies.read(json, "Workiva", http.send(request("GET", uri, Optional.empty(), true)).body());
        List<RemoteTask> tasks = new ArrayList<>();
        page.path("data").forEach(n -> tasks.add(task(n)));
        return new ChangedPage(tasks, JsonBodies.text(page, "@nextLink"));
    }

    @Override
    public RemoteTask updateStatus(String externalId, Status status) {
        return action(externalId, WorkivaStatus.action(status), Optional.empty());
    }

    @Override
    public RemoteTask assign(String externalId, Optional<String> assignee) {
        Object value = settings.version().manyAssignees()
                ? assignee.map(a -> List.of(WorkivaUser.of(a))).orElse(List.of())
                : assignee.map(a -> (Object) Map.of("id", a)).orElse(null);
        return patch(externalId, settings.version().manyAssignees() ? "/assignees" : "/assignee", value);
    }

    @Override
    public RemoteTask reschedule(String externalId, Optional<Instant> dueDate) {
        return patch(externalId, "/dueDate", dueDate.map(ISO::format).orElse(null));
    }

    @Override
    public Optional<String> findUserByEmail(String email) {
        throw new BackendException.Unsupported("Workiva's task API can't look people up by email:"
                + " an admin links them with `/task link @person <Workiva user id>`.");
    }

    private RemoteTask action(String externalId, String action, Optional<String> comment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        comment.ifPresent(c -> body.put("comment", c));
        return task(send("POST", settings.version().actionPath(Urls.encode(externalId)),
                Optional.of(JsonBodies.write(json, body)), false));
    }

    private RemoteTask patch(String externalId, String path, Object value) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", "replace");
        op.put("path", path);
        op.put("value", value);
        BackendHttp.Request r = request("PATCH", URI.create(settings.baseUrl() + settings.version().itemPath(Urls.encode(externalId))),
                Optional.of(JsonBodies.write(json, List.of(op))), true)
                .withHeaders(Map.of("Content-Type", "application/json-patch+json"));
        return task(JsonBodies.read(json, "Workiva", http.send(r).body()));
    }

    private JsonNode send(String method, String path, Optional<String> body, boolean idempotent) {
        URI uri = URI.create(settings.baseUrl() + path);
        return JsonBodies.read(json, "Workiva", http.send(request(method, uri, body, idempotent)).body());
    }

    private BackendHttp.Request request(String method, URI uri, Optional<String> body, boolean idempotent) {
        return new BackendHttp.Request(method, uri, body, Map.of("X-Version", settings.version().header()), idempotent);
    }

    private boolean sameOrigin(URI link) {
        URI base = settings.baseUrl();
        return base.getScheme().equalsIgnoreCase(String.valueOf(link.getScheme()))
                && base.getHost().equalsIgnoreCase(String.valueOf(link.getHost()))
                && base.getPort() == link.getPort();
    }

    /** Reads a Task (2022 create), PrototypeTask (2022 list, actions) or 2026 task. */
    RemoteTask task(JsonNode n) {
        String id = JsonBodies.text(n, "id").orElseThrow(() ->
                new BackendException.Unavailable("Workiva", "a task without an id"));
        List<String> assignees = new ArrayList<>();
        n.path("assignees").forEach(a -> JsonBodies.text(a, "id").ifPresent(assignees::add));
        JsonBodies.text(n.path("assignee"), "id").filter(a -> !assignees.contains(a)).ifPresent(assignees::add);
        Optional<Instant> due = JsonBodies.instant(n.get("dueDate")).or(() -> JsonBodies.instant(n.get("dueAt")));
        Instant modified = JsonBodies.instant(n.path("modified").get("dateTime"))
                .or(() -> JsonBodies.instant(n.path("created").get("dateTime")))
                .orElse(Instant.EPOCH);
        List<RemoteTask.Step> steps = new ArrayList<>();
        for (JsonNode s : n.path("approvalSteps")) {
            List<String> participants = new ArrayList<>();
            s.path("participants").forEach(p -> JsonBodies.text(p, "id").ifPresent(participants::add));
            List<RemoteTask.Response> responses = new ArrayList<>();
            for (JsonNode r : s.path("responses")) {
                JsonNode created = r.path("created");
                responses.add(new RemoteTask.Response(
                        JsonBodies.text(created, "user_id").or(() -> JsonBodies.text(created.path("user"), "id")).orElse(""),
                        JsonBodies.text(r, "action").orElse(""), JsonBodies.text(r, "comment"),
                        JsonBodies.instant(created.get("dateTime")).orElse(modified)));
            }
            CompletionMode mode = "ALL".equalsIgnoreCase(s.path("completionMode").asText()) ? CompletionMode.ALL
                    : CompletionMode.ONE;
            steps.add(new RemoteTask.Step(mode, participants, responses));
        }
        String status = JsonBodies.text(n, "status").orElse("Created");
        String title = JsonBodies.text(n, "title").orElse("(untitled Workiva task)");
        return new RemoteTask(id, TaskRules.fit(title, TaskRules.MAX_TITLE), JsonBodies.text(n, "description"), WorkivaStatus.toStatus(status),
                status, assignees, due, modified, steps, JsonBodies.text(n, "sourceUrl"));
    }

    private BackendHttp.BackendProblem problem(int status, String body) {
        JsonNode n = JsonBodies.read(json, "Workiva", body);
        Map<String, String> fields = new LinkedHashMap<>();
        for (JsonNode d : n.path("details")) {
            fields.put(JsonBodies.text(d, "target").orElse(JsonBodies.text(d, "code").orElse("request")),
                    JsonBodies.text(d, "message").orElse(""));
        }
        return JsonBodies.problem(n, "message", status, fields);
    }
}
