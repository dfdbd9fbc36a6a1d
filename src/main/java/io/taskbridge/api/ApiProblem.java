package io.taskbridge.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A refused API request, as seed 001 answers it: an HTTP status, a machine-readable {@code code}, a
 * sentence for people and per-field or per-parameter {@code details}. Thrown inside the API's
 * handlers and written by {@link RestApi}; it never carries a secret.
 */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, Object> details;
    private final Optional<Long> retryAfterSeconds;

    private ApiProblem(int status, String code, String message, Map<String, ?> details, Optional<Long> retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = new LinkedHashMap<>(details);
        this.retryAfterSeconds = retryAfter;
    }

    public static ApiProblem of(int status, String code, String message, Map<String, ?> details) {
        return new ApiProblem(status, code, message, details, Optional.empty());
    }

    /** 422 with one message per field, keyed by the field's JSON name. */
    public static ApiProblem invalid(Map<String, String> fields) {
        return of(422, "validation_error", "The request contains invalid data", fields);
    }

    /** 400 with one message per query parameter or header. */
    public static ApiProblem badParameters(Map<String, String> parameters) {
        return of(400, "invalid_parameters", "Some parameters are not valid", parameters);
    }

    public static ApiProblem format(String message, Map<String, ?> details) {
        return of(400, "invalid_format", message, details);
    }

    public static ApiProblem notFound(String message) {
        return of(404, "resource_not_found", message, Map.of());
    }

    public static ApiProblem denied(String message) {
        return of(403, "permission_denied", message, Map.of());
    }

    public static ApiProblem rateLimited(long retryAfterSeconds, int perMinute) {
        return new ApiProblem(429, "rate_limit_exceeded", "Too many requests for this API key: at most " + perMinute
                + " a minute. Try again in " + retryAfterSeconds + " s.",
                Map.of("limitPerMinute", perMinute, "retryAfterSeconds", retryAfterSeconds), Optional.of(retryAfterSeconds));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public Optional<Long> retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
