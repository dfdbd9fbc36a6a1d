package io.taskbridge.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Error bodies in seed 001's shape, {@code {"error":{"code","message","details"}}}, for every endpoint. */
public final class ErrorBodies {
    static final String TOO_LARGE = "The request body is larger than 1 MiB.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBodies() {}

    public static void send(Context ctx, int status, String code, String message) {
        send(ctx, status, code, message, Map.of());
    }

    public static void send(Context ctx, int status, String code, String message, Map<String, ?> details) {
        ctx.status(status).json(Map.of("error", error(code, message, details)));
    }

    /** The code an error status gets when nothing more specific is known (the server's own errors). */
    static String codeFor(int status) {
        return switch (status) {
            case 404 -> "resource_not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            case 503 -> "service_unavailable";
            default -> status >= 500 ? "server_error" : "invalid_parameters";
        };
    }

    /** The body as text, for answers written outside Javalin (Jetty's own errors). */
    static String json(int status, String code, String message) {
        try {
            return JSON.writeValueAsString(Map.of("error", error(code, message, Map.of())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> error(String code, String message, Map<String, ?> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("details", details);
        return error;
    }
}
