package io.taskbridge.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.taskbridge.platform.ErrorBodies;
import io.taskbridge.access.Refused;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.audit.AuditLog;
import io.taskbridge.task.TaskProblem;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.task.TaskService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The REST API under {@code /v1}: seed 001's task protocol plus API key management and the OpenAPI
 * document. Every endpoint but the document needs {@code Authorization: Bearer <key>}, and every
 * request with a valid key spends a token of that key's rate limit. Refusals are written in seed
 * 001's error shape; nothing here logs a key.
 */
public final class RestApi {
    public static final String BASE = "/v1";
    static final String OPENAPI_RESOURCE = "/openapi.json";

    private final ApiKeys keys;
    private final RateLimiter limiter;
    private final ObjectReader reader;
    private final TaskRoutes taskRoutes;
    private final ApiKeyRoutes keyRoutes;
    private final ApprovalRoutes approvalRoutes;
    private final AuditRoutes auditRoutes;
    private final byte[] openApi;

    /** Every read and change of a task asks {@code access} (the permission policy) first. */
    public RestApi(TaskService tasks, ApprovalService approvals, TaskAccess access, ApiKeys keys, RateLimiter limiter,
                   ObjectMapper json, Clock clock, AuditLog audit) {
        this.keys = keys;
        this.limiter = limiter;
        this.reader = json.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.taskRoutes = new TaskRoutes(tasks, access, clock);
        this.keyRoutes = new ApiKeyRoutes(keys, access.policy());
        this.approvalRoutes = new ApprovalRoutes(tasks, approvals, access);
        this.auditRoutes = new AuditRoutes(audit, access);
        this.openApi = openApiDocument();
    }

    /** Registers the endpoints; pass as {@code api::addTo} to the HTTP server. */
    public void addTo(RoutesConfig routes) {
        routes.get(BASE + "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        routes.post(BASE + "/tasks", withBody(taskRoutes::create));
        routes.get(BASE + "/tasks", authed(taskRoutes::list));
        routes.get(BASE + "/tasks/{id}", authed(taskRoutes::get));
        routes.patch(BASE + "/tasks/{id}", withBody(taskRoutes::patch));
        routes.delete(BASE + "/tasks/{id}", authed(taskRoutes::delete));
        routes.post(BASE + "/tasks/{id}/actionSubmission", withBody(approvalRoutes::submit));
        routes.get(BASE + "/tasks/{id}/history", authed(auditRoutes::history));
        routes.get(BASE + "/audit", authed(auditRoutes::export));
        routes.post(BASE + "/apikeys", withBody(keyRoutes::create));
        routes.get(BASE + "/apikeys", authed(keyRoutes::list));
        routes.delete(BASE + "/apikeys/{id}", authed(keyRoutes::revoke));
    }

    private interface CallerHandler {
        void handle(Context ctx, ApiCaller caller) throws Exception;
    }

    private interface BodyHandler {
        void handle(Context ctx, ApiCaller caller, JsonNode body) throws Exception;
    }

    /** Authenticates, spends a rate-limit token, runs the handler, and writes any refusal. */
    private Handler authed(CallerHandler handler) {
        return ctx -> {
            try {
                ApiCaller caller = authenticate(ctx);
                if (limiter.admit(caller.keyId()) instanceof RateLimiter.Admission.Refused refused) {
                    throw ApiProblem.rateLimited(refused.retryAfterSeconds(), limiter.perMinute());
                }
                handler.handle(ctx, caller);
            } catch (ApiProblem p) {
                send(ctx, p);
            } catch (TaskProblem p) {
                send(ctx, translate(p));
            } catch (Refused r) {
                send(ctx, ApiProblem.denied(r.getMessage()));
            }
        };
    }

    /** As {@link #authed}, with the body read as a JSON object first (400 when it is not one). */
    private Handler withBody(BodyHandler handler) {
        return authed((ctx, caller) -> handler.handle(ctx, caller, body(ctx)));
    }

    private ApiCaller authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiProblem.of(401, "missing_authentication",
                    "Send an API key as 'Authorization: Bearer <key>'.", Map.of());
        }
        String[] parts = header.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw ApiProblem.of(401, "invalid_authentication",
                    "The Authorization header must be 'Bearer <key>'.", Map.of());
        }
        return keys.authenticate(parts[1]).orElseThrow(() -> ApiProblem.of(401, "invalid_authentication",
                "The API key is not valid: it is unknown or was revoked.", Map.of()));
    }

    private JsonNode body(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes(); // over 1 MiB: Javalin refuses with 413 here
        if (bytes.length == 0) {
            throw ApiProblem.format("The request body is empty: send a JSON object.", Map.of());
        }
        JsonNode node;
        try {
            node = reader.readTree(bytes);
        } catch (JsonProcessingException e) {
            Map<String, Object> details = new LinkedHashMap<>();
            Optional.ofNullable(e.getLocation()).ifPresent(l -> {
                details.put("line", l.getLineNr());
                details.put("column", l.getColumnNr());
            });
            throw ApiProblem.format("The request body is not valid JSON: " + e.getOriginalMessage(), details);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw ApiProblem.format("The request body must be a JSON object.", Map.of());
        }
        return node;
    }

    static ApiProblem translate(TaskProblem p) {
        if (p instanceof TaskProblem.NotFound) {
            return ApiProblem.notFound(p.getMessage());
        } else if (p instanceof TaskProblem.Invalid invalid) {
            return ApiProblem.invalid(invalid.fields());
        } else if (p instanceof TaskProblem.TransitionRefused refused) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("from", refused.from().name());
            details.put("to", refused.to().name());
            details.put("allowed", refused.from().next().stream().map(Enum::name).sorted().toList());
            return ApiProblem.of(422, "invalid_status_transition", p.getMessage(), details);
        } else {
            // Busy, LivesInSlack and AwaitingApproval: the request conflicts with the task's current state.
            return ApiProblem.of(409, "resource_conflict", p.getMessage(), Map.of());
        }
    }

    private static void send(Context ctx, ApiProblem p) {
        p.retryAfterSeconds().ifPresent(s -> ctx.header("Retry-After", Long.toString(s)));
        if (p.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        ErrorBodies.send(ctx, p.status(), p.code(), p.getMessage(), p.details());
    }

    private static byte[] openApiDocument() {
        try (InputStream in = RestApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
