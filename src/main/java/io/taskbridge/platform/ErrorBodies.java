package io.taskbridge.platform;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Error bodies in seed 001's shape, {@code {"error":{"code","message","details"}}}, for every endpoint. */
public final class ErrorBodies {
    private ErrorBodies() {}

    public static void send(Context ctx, int status, String code, String message) {
        send(ctx, status, code, message, Map.of());
    }

    public static void send(Context ctx, int status, String code, String message, Map<String, ?> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("details", details);
        ctx.status(status).json(Map.of("error", error));
    }
}
