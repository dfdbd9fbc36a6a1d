package io.taskbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.workspace.Decision;
import io.taskbridge.workspace.KeyRole;
import io.taskbridge.workspace.PermissionPolicy;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /apikeys}: admins issue, list and revoke API keys. A key's secret is shown once, when issued.
 * A key belongs to one workspace: {@code workspace} (a team or enterprise id) names it, else the
 * caller's own. A workspace's admin key issues keys for its own workspace only; the operator's
 * ({@code TASKBRIDGE_ADMIN_KEY}) for any installed one.
 */
final class ApiKeyRoutes {
    private static final List<String> FIELDS = List.of("name", "role", "principal", "workspace");
    /** Slack team (T…) and enterprise (E…) ids. */
    private static final Pattern WORKSPACE = Pattern.compile("[A-Z0-9]{2,32}");
    private static final int MAX_TEXT = 200;

    private final ApiKeys keys;
    private final PermissionPolicy policy;

    ApiKeyRoutes(ApiKeys keys, PermissionPolicy policy) {
        this.keys = keys;
        this.policy = policy;
    }

    void create(Context ctx, ApiCaller caller, JsonNode body) {
        requireAdmin(caller);
        Map<String, String> problems = new LinkedHashMap<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.put(name, "Unknown field. The fields are: " + String.join(", ", FIELDS) + ".");
            }
        }
        Optional<String> name = text(body, "name", problems);
        Optional<String> principal = text(body, "principal", problems);
        Optional<String> roleText = text(body, "role", problems);
        Optional<KeyRole> role = roleText.flatMap(ApiKeys::role);
        if (roleText.isPresent() && role.isEmpty()) {
            problems.put("role", "Must be one of admin, manager, member.");
        }
        Optional<WorkspaceId> workspace = workspace(body, problems);
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        WorkspaceId target = workspace.orElse(caller.workspace());
        if (policy.issueKey(caller.holder(), caller.operator(), target.equals(caller.workspace()))
                instanceof Decision.Denied denied) {
            throw ApiProblem.denied(denied.reason());
        }
        if (workspace.isPresent() && !keys.known(target)) {
            throw ApiProblem.invalid(Map.of("workspace", "No workspace " + target + " has Taskbridge installed."));
        }
        ApiKeys.Issued issued = keys.issue(name.orElseThrow(), role.orElseThrow(), principal.orElseThrow(), target);
        Map<String, Object> out = view(issued.key());
        out.put("key", issued.secret());
        ctx.header("Location", "/v1/apikeys/" + issued.key().id());
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).json(out);
    }

    void list(Context ctx, ApiCaller caller) {
        requireAdmin(caller);
        ctx.json(Map.of("data", keys.active(caller.workspace()).stream().map(ApiKeyRoutes::view).toList()));
    }

    void revoke(Context ctx, ApiCaller caller) {
        requireAdmin(caller);
        if (!keys.revoke(ctx.pathParam("id"), caller.workspace())) {
            throw ApiProblem.notFound("There is no active API key with id '" + ctx.pathParam("id") + "'.");
        }
        ctx.status(204);
    }

    private static Map<String, Object> view(ApiKeys.ApiKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("name", k.name());
        m.put("role", ApiKeys.wireName(k.role()));
        m.put("principal", k.principal());
        m.put("workspace", k.workspace().value());
        m.put("createdAt", TaskResource.time(k.createdAt()));
        return m;
    }

    private void requireAdmin(ApiCaller caller) {
        if (policy.manageKeys(caller.holder()) instanceof Decision.Denied denied) {
            throw ApiProblem.denied(denied.reason());
        }
    }

    /** The optional {@code workspace} field: a Slack team or enterprise id. */
    private static Optional<WorkspaceId> workspace(JsonNode body, Map<String, String> problems) {
        JsonNode n = body.get("workspace");
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual() || !WORKSPACE.matcher(n.asText().strip()).matches()) {
            problems.put("workspace", "Must be a Slack team id (T…) or enterprise id (E…).");
            return Optional.empty();
        }
        return Optional.of(new WorkspaceId(n.asText().strip()));
    }

    private static Optional<String> text(JsonNode body, String name, Map<String, String> problems) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
            problems.put(name, "Required.");
            return Optional.empty();
        }
        if (!n.isTextual()) {
            problems.put(name, "Must be a string.");
            return Optional.empty();
        }
        if (n.asText().strip().length() > MAX_TEXT) {
            problems.put(name, "Must be at most " + MAX_TEXT + " characters.");
            return Optional.empty();
        }
        return Optional.of(n.asText().strip());
    }
}
