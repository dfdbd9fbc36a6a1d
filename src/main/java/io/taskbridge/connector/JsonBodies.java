package io.taskbridge.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** Small helpers the connectors share for reading and writing JSON bodies. */
public final class JsonBodies {
    private JsonBodies() {}

    public static JsonNode read(ObjectMapper json, String system, String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new BackendException.Unavailable(system, "unreadable answer");
        }
    }

    public static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }

    /** A non-blank text field, or empty. */
    public static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }

    /** An ISO-8601 instant with offset ({@code 2019-10-30T00:00:00Z}, {@code …+00:00}), or empty. */
    public static Optional<Instant> instant(JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            return Optional.empty();
        }
        String s = node.asText().strip();
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(s));
            } catch (DateTimeParseException e2) {
                try {
                    return Optional.of(java.time.LocalDateTime.parse(s).toInstant(java.time.ZoneOffset.UTC));
                } catch (DateTimeParseException e3) {
                    return Optional.empty();
                }
            }
        }
    }

    /**
     * A task system's error answer as a problem: its message (field {@code messageField}, else
     * "HTTP status"), its code in brackets when it gives one, and the fields it named.
     */
    public static BackendHttp.BackendProblem problem(JsonNode error, String messageField, int status, Map<String, String> fields) {
        String message = text(error, messageField).orElse("HTTP " + status);
        return new BackendHttp.BackendProblem(text(error, "code").map(c -> message + " (" + c + ")").orElse(message), fields);
    }
}
