package io.taskbridge.api;

import io.javalin.http.Context;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.audit.AuditEntry;
import io.taskbridge.audit.AuditLog;
import io.taskbridge.workspace.Decision;
import io.taskbridge.workspace.RestAction;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit trail over REST: {@code GET /tasks/{id}/history} for a key that may read the task, and
 * {@code GET /audit} (the key's workspace, admin and manager keys only). Both page with an opaque
 * cursor and answer JSON, or CSV when asked with {@code Accept: text/csv}.
 */
final class AuditRoutes {
    static final int DEFAULT_LIMIT = 100;

    private final AuditLog audit;
    private final TaskAccess access;

    AuditRoutes(AuditLog audit, TaskAccess access) {
        this.audit = audit;
        this.access = access;
    }

    void history(Context ctx, ApiCaller caller) {
        long id = TaskRoutes.id(ctx);
        access.in(caller.workspace()).require(caller.holder(), id, RestAction.READ);
        Map<String, String> bad = new LinkedHashMap<>();
        long after = cursor(ctx, bad);
        int limit = limit(ctx, bad);
        if (!bad.isEmpty()) {
            throw ApiProblem.badParameters(bad);
        }
        send(ctx, audit.ofTask(id, after, limit), limit);
    }

    void export(Context ctx, ApiCaller caller) {
        if (access.policy().exportAudit(caller.holder()) instanceof Decision.Denied denied) {
            throw ApiProblem.denied(denied.reason());
        }
        Map<String, String> invalid = new LinkedHashMap<>();
        Optional<Instant> since = instant(ctx, "since", invalid);
        Optional<Instant> until = instant(ctx, "until", invalid);
        if (invalid.isEmpty() && since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            invalid.put("until", "Must be after since.");
        }
        if (!invalid.isEmpty()) {
            throw ApiProblem.invalid(invalid);
        }
        Map<String, String> bad = new LinkedHashMap<>();
        long after = cursor(ctx, bad);
        int limit = limit(ctx, bad);
        if (!bad.isEmpty()) {
            throw ApiProblem.badParameters(bad);
        }
        send(ctx, audit.ofWorkspace(caller.workspace(), since.orElse(Instant.EPOCH),
                until.orElse(Instant.ofEpochMilli(Long.MAX_VALUE)), after, limit), limit);
    }

    private static void send(Context ctx, AuditLog.Page page, int limit) {
        page.next().ifPresent(n -> ctx.header("Link", "<" + nextUrl(ctx, n) + ">; rel=\"next\""));
        if (wantsCsv(ctx.header("Accept"))) {
            ctx.contentType("text/csv; charset=utf-8").result(AuditCsv.write(page.entries()));
            return;
        }
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("limit", limit);
        page.next().ifPresent(n -> pagination.put("nextCursor", Long.toString(n)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.entries().stream().map(AuditRoutes::json).toList());
        body.put("pagination", pagination);
        ctx.json(body);
    }

    private static Map<String, Object> json(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(e.id()));
        m.put("at", e.at().toString());
        m.put("workspace", e.workspace().value());
        m.put("taskId", Long.toString(e.taskId()));
        m.put("actor", e.actor());
        m.put("action", e.action().word());
        m.put("details", e.details());
        m.put("source", e.source().word());
        return m;
    }

    /** CSV when the client lists {@code text/csv} before (or without) JSON. */
    static boolean wantsCsv(String accept) {
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(java.util.Locale.ROOT);
        int csv = a.indexOf("text/csv");
        int json = a.indexOf("application/json");
        return csv >= 0 && (json < 0 || csv < json);
    }

    private static String nextUrl(Context ctx, long next) {
        StringBuilder url = new StringBuilder(ctx.path()).append("?cursor=").append(next);
        for (String name : List.of("since", "until", "limit")) {
            Optional.ofNullable(ctx.queryParam(name)).ifPresent(v ->
                    url.append('&').append(name).append('=').append(java.net.URLEncoder.encode(v,
                            java.nio.charset.StandardCharsets.UTF_8)));
        }
        return url.toString();
    }

    private static Optional<Instant> instant(Context ctx, String name, Map<String, String> invalid) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            Instant at = OffsetDateTime.parse(raw.strip()).toInstant();
            if (at.isBefore(Instant.EPOCH) || at.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
                invalid.put(name, "Must fall in the years 1970 to 9999.");
                return Optional.empty();
            }
            return Optional.of(at);
        } catch (DateTimeParseException e) {
            invalid.put(name, "Must be an RFC 3339 date and time, e.g. 2027-06-01T00:00:00Z.");
            return Optional.empty();
        }
    }

    private static long cursor(Context ctx, Map<String, String> bad) {
        String raw = ctx.queryParam("cursor");
        if (raw == null) {
            return 0;
        }
        if (raw.matches("[0-9]{1,18}")) {
            return Long.parseLong(raw);
        }
        bad.put("cursor", "Must be the nextCursor of a previous page.");
        return 0;
    }

    private static int limit(Context ctx, Map<String, String> bad) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        if (raw.matches("[0-9]{1,3}") && Integer.parseInt(raw) >= 1 && Integer.parseInt(raw) <= AuditLog.MAX_PAGE) {
            return Integer.parseInt(raw);
        }
        bad.put("limit", "Must be a whole number from 1 to " + AuditLog.MAX_PAGE + ".");
        return DEFAULT_LIMIT;
    }
}
