package io.taskbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Talks to the REST API over loopback like any client would, and checks every response it gets
 * (status, headers, body) against the OpenAPI document the service ships, with Atlassian's validator.
 */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(openApiText())
            .build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    ApiClient(int port) {
        this.port = port;
    }

    /** One response: status, headers and the body, parsed when it is JSON. */
    record Reply(int status, HttpResponse<String> raw, JsonNode json) {
        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        String code() {
            return json.path("error").path("code").asText();
        }

        JsonNode details() {
            return json.path("error").path("details");
        }
    }

    Reply get(String path, String key) {
        return send("GET", path, Optional.ofNullable(key), Optional.empty(), Map.of());
    }

    Reply post(String path, String key, String body) {
        return send("POST", path, Optional.ofNullable(key), Optional.of(body), Map.of());
    }

    Reply post(String path, String key, String body, Map<String, String> headers) {
        return send("POST", path, Optional.ofNullable(key), Optional.of(body), headers);
    }

    Reply patch(String path, String key, String body) {
        return send("PATCH", path, Optional.ofNullable(key), Optional.of(body), Map.of());
    }

    Reply delete(String path, String key) {
        return send("DELETE", path, Optional.ofNullable(key), Optional.empty(), Map.of());
    }

    /** Sends with {@code Authorization: Bearer key} (when a key is given) and validates the answer. */
    Reply send(String method, String path, Optional<String> key, Optional<String> body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body.map(s -> HttpRequest.BodyPublishers.ofString(s, StandardCharsets.UTF_8))
                        .orElse(HttpRequest.BodyPublishers.noBody()));
        body.ifPresent(x -> b.header("Content-Type", "application/json"));
        key.ifPresent(k -> b.header("Authorization", "Bearer " + k));
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            boolean isJson = r.headers().firstValue("Content-Type").map(t -> t.startsWith("application/json")).orElse(true);
            JsonNode json = r.body().isEmpty() || !isJson ? JSON.missingNode() : JSON.readTree(r.body());
            validate(method, path, r);
            return new Reply(r.statusCode(), r, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void validate(String method, String path, HttpResponse<String> r) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(r.statusCode());
        r.headers().map().forEach(response::withHeader);
        if (!r.body().isEmpty()) {
            response.withBody(r.body());
        }
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        ValidationReport report = VALIDATOR.validateResponse(bare, Request.Method.valueOf(method), response.build());
        assertThat(report.getMessages())
                .as("%s %s -> %d %s matches openapi.json", method, bare, r.statusCode(), r.body())
                .isEmpty();
    }

    static String openApiText() {
        try (InputStream in = ApiClient.class.getResourceAsStream("/openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
