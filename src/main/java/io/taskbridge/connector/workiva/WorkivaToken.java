package io.taskbridge.connector.workiva;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.connector.BackendException;
import io.taskbridge.connector.BackendHttp;
import java.io.IOException;
import java.net.URI;
import io.taskbridge.connector.Urls;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The OAuth2 client-credentials token ({@code POST /iam/v1/oauth2/token}), cached until shortly
 * before {@code expires_in} runs out and fetched again after a 401. One fetch at a time; the
 * secret goes only into the form body of that request.
 */
final class WorkivaToken implements BackendHttp.Auth {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WorkivaToken.class);
    /** A token this close to expiry is replaced before use. */
    static final Duration MARGIN = Duration.ofSeconds(60);

    private final WorkivaSettings settings;
    private final HttpClient client;
    private final Duration timeout;
    private final ObjectMapper json;
    private final Clock clock;
    private String token;
    private Instant expires = Instant.MIN;
    private int fetched;

    WorkivaToken(WorkivaSettings settings, BackendHttp.Policy policy, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.timeout = policy.timeout().compareTo(policy.connectTimeout()) > 0 ? policy.timeout() : policy.connectTimeout();
        this.json = json;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(policy.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public synchronized String header() {
        if (token == null || !clock.instant().isBefore(expires.minus(MARGIN))) {
            fetch();
        }
        return "Bearer " + token;
    }

    @Override
    public synchronized boolean refresh() {
        token = null;
        return true;
    }

    /** How many tokens were fetched (for tests and metrics). */
    synchronized int fetched() {
        return fetched;
    }

    private void fetch() {
        String form = "grant_type=client_credentials&client_id=" + Urls.form(settings.clientId())
                + "&client_secret=" + Urls.form(settings.clientSecret().value());
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/iam/v1/oauth2/token"))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.info("Workiva token request failed: {}", e.getClass().getSimpleName());
            throw new BackendException.Unavailable("Workiva", "token request failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException.Unavailable("Workiva", "interrupted");
        }
        int status = response.statusCode();
        if (status == 400 || status == 401 || status == 403) {
            throw new BackendException.Refused("The Workiva connection's credentials were refused when asking for"
                    + " a token. An admin should check WORKIVA_CLIENT_ID and WORKIVA_CLIENT_SECRET.");
        }
        if (status == 429) {
            throw new BackendException.Throttled("Workiva", Duration.ofSeconds(
                    response.headers().firstValue("Retry-After").map(WorkivaToken::seconds).orElse(1L)));
        }
        if (status < 200 || status >= 300) {
            throw new BackendException.Unavailable("Workiva", "token request answered HTTP " + status);
        }
        try {
            JsonNode body = json.readTree(response.body());
            String value = body.path("access_token").asText("");
            if (value.isEmpty()) {
                throw new BackendException.Unavailable("Workiva", "token answer without access_token");
            }
            token = value;
            expires = clock.instant().plusSeconds(body.path("expires_in").asLong(300));
            fetched++;
        } catch (IOException e) {
            throw new BackendException.Unavailable("Workiva", "unreadable token answer");
        }
    }

    private static long seconds(String v) {
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
