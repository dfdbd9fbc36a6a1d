package io.taskbridge.connector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP client all connectors share: time-outs on every request, back-off on 5xx and
 * time-outs, waits for {@code Retry-After} (or awork's {@code RateLimit-Reset}) on 429, one token
 * refresh on 401, and every failure mapped to a {@link BackendException} whose message is safe to
 * show. Requests that are not idempotent (creating a task) are never repeated after they may have
 * reached the system: only a 429 or 503, which say the system did nothing, are retried for them.
 * Logs name the method, path and status, never headers or bodies.
 */
public final class BackendHttp {
    private static final Logger log = LoggerFactory.getLogger(BackendHttp.class);

    /**
     * How hard to try. {@code timeout} bounds each request; {@code attempts} counts tries for
     * 5xx and time-outs; a 429 asking for at most {@code maxInlineWait} is waited out here, a
     * longer one is handed back as {@link BackendException.Throttled} for the caller to reschedule.
     */
    public record Policy(Duration connectTimeout, Duration timeout, int attempts, Duration firstBackoff,
                         Duration maxInlineWait) {
        public static Policy standard() {
            return new Policy(Duration.ofSeconds(5), Duration.ofSeconds(30), 3, Duration.ofMillis(500),
                    Duration.ofSeconds(5));
        }
    }

    /** What goes in {@code Authorization}; {@link #refresh} is asked once after a 401. */
    public interface Auth {
        String header();

        /** Drops a cached credential so the next {@link #header} fetches a new one; false if it can't. */
        default boolean refresh() {
            return false;
        }
    }

    /** Reads a system's error body into a message and per-field details. */
    @FunctionalInterface
    public interface ErrorFormat {
        BackendProblem read(int status, String body);
    }

    /** A system's complaint: its message and, for validation errors, field name to message. */
    public record BackendProblem(String message, Map<String, String> fields) {
        public BackendProblem {
            fields = Map.copyOf(new LinkedHashMap<>(fields));
        }
    }

    /** One request. {@code idempotent} requests may be sent again after a time-out or 5xx. */
    public record Request(String method, URI uri, Optional<String> jsonBody, Map<String, String> headers,
                          boolean idempotent) {
        public Request {
            headers = Map.copyOf(headers);
        }

        public static Request get(URI uri) {
            return new Request("GET", uri, Optional.empty(), Map.of(), true);
        }

        public Request withHeaders(Map<String, String> more) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.putAll(more);
            return new Request(method, uri, jsonBody, all, idempotent);
        }
    }

    /** A successful answer. */
    public record Response(int status, String body, HttpHeaders headers) {}

    /** Waits between attempts; tests may replace it. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final String system;
    private final String credentialsHint;
    private final HttpClient client;
    private final Policy policy;
    private final ErrorFormat errors;
    private final Auth auth;
    private final Sleeper sleeper;
    private final Clock clock;

    /**
     * {@code system} names the system in messages ("Workiva"); {@code credentialsHint} says which
     * settings to check when its credentials are refused.
     */
    public BackendHttp(String system, String credentialsHint, Policy policy, ErrorFormat errors, Auth auth,
                       Sleeper sleeper, Clock clock) {
        this.system = system;
        this.credentialsHint = credentialsHint;
        this.policy = policy;
        this.errors = errors;
        this.auth = auth;
        this.sleeper = sleeper;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(policy.connectTimeout()).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public BackendHttp(String system, String credentialsHint, Policy policy, ErrorFormat errors, Auth auth) {
        this(system, credentialsHint, policy, errors, auth, d -> Thread.sleep(d.toMillis()), Clock.systemUTC());
    }

    public String system() {
        return system;
    }

    /** Sends {@code request}, retrying as the policy allows; a 2xx comes back, anything else throws. */
    public Response send(Request request) {
        boolean refreshed = false;
        BackendException last = new BackendException.Unavailable(system, "no attempt made");
        int attempt = 0;
        while (attempt < policy.attempts()) {
            attempt++;
            HttpResponse<String> response;
            try {
                response = client.send(build(request), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpTimeoutException e) {
                last = new BackendException.Unavailable(system, "no answer within " + (policy.timeout().toMillis() < 1000
                        ? policy.timeout().toMillis() + " ms" : policy.timeout().toSeconds() + " s"));
                log.info("{} {} {} timed out (attempt {})", system, request.method(), request.uri().getPath(), attempt);
                if (!request.idempotent()) {
                    throw last;
                }
                pause(backoff(attempt));
                continue;
            } catch (IOException e) {
                last = new BackendException.Unavailable(system, "connection failed");
                log.info("{} {} {} failed: {} (attempt {})", system, request.method(), request.uri().getPath(),
                        e.getClass().getSimpleName(), attempt);
                if (!request.idempotent()) {
                    throw last;
                }
                pause(backoff(attempt));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendException.Unavailable(system, "interrupted");
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Response(status, response.body(), response.headers());
            }
            log.info("{} {} {} answered HTTP {} (attempt {})", system, request.method(), request.uri().getPath(),
                    status, attempt);
            if (status == 401 && !refreshed && auth.refresh()) {
                refreshed = true;
                attempt--; // a refreshed token is a new start, not a failed attempt
                continue;
            }
            if (status == 401 || status == 403) {
                throw new BackendException.Refused("The " + system + " connection's credentials were refused (HTTP "
                        + status + "). " + credentialsHint);
            }
            if (status == 429) {
                Duration wait = retryAfter(response.headers());
                last = new BackendException.Throttled(system, wait);
                if (wait.compareTo(policy.maxInlineWait()) > 0 || attempt >= policy.attempts()) {
                    throw last;
                }
                pause(wait);
                continue;
            }
            if (status >= 500) {
                last = new BackendException.Unavailable(system, "HTTP " + status);
                boolean safe = request.idempotent() || status == 503;
                if (!safe) {
                    throw last;
                }
                Duration wait = status == 503 ? retryAfter(response.headers()).plus(backoff(attempt)) : backoff(attempt);
                if (attempt < policy.attempts()) {
                    pause(wait.compareTo(policy.maxInlineWait()) > 0 ? policy.maxInlineWait() : wait);
                }
                continue;
            }
            BackendProblem problem = readProblem(status, response.body());
            if (status == 404 || status == 410) {
                throw new BackendException.NotFound(system + " has no such item: " + problem.message());
            }
            throw new BackendException.Invalid(system + " refused the request: " + problem.message(), problem.fields());
        }
        throw last;
    }

    private BackendProblem readProblem(int status, String body) {
        try {
            BackendProblem p = errors.read(status, body);
            return p.message().isBlank() ? new BackendProblem("HTTP " + status, p.fields()) : p;
        } catch (RuntimeException e) {
            return new BackendProblem("HTTP " + status, Map.of());
        }
    }

    private HttpRequest build(Request r) {
        HttpRequest.Builder b = HttpRequest.newBuilder(r.uri()).timeout(policy.timeout())
                .header("Accept", "application/json")
                .header("Authorization", auth.header());
        r.headers().forEach(b::header);
        if (r.jsonBody().isPresent()) {
            if (!r.headers().containsKey("Content-Type")) {
                b.header("Content-Type", "application/json");
            }
            b.method(r.method(), HttpRequest.BodyPublishers.ofString(r.jsonBody().get(), StandardCharsets.UTF_8));
        } else {
            b.method(r.method(), HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    /** Retry-After as seconds or an HTTP date; awork's RateLimit-Reset (seconds); one second if neither. */
    Duration retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After").or(() -> headers.firstValue("RateLimit-Reset"));
        if (value.isEmpty()) {
            return Duration.ofSeconds(1);
        }
        String v = value.get().strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e) {
                return Duration.ofSeconds(1);
            }
        }
    }

    private Duration backoff(int attempt) {
        long base = policy.firstBackoff().toMillis() << Math.min(attempt - 1, 10);
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    private void pause(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException.Unavailable(system, "interrupted");
        }
    }
}
