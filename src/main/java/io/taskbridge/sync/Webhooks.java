package io.taskbridge.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.taskbridge.platform.Daos;
import io.taskbridge.platform.Hmac;
import io.taskbridge.platform.Secret;
import io.taskbridge.connector.BackendException;
import io.taskbridge.connector.Backends;
import io.taskbridge.intake.Intake;
import io.taskbridge.connector.TaskBackend;
import io.taskbridge.connector.WebhookAuth;
import io.taskbridge.platform.ErrorBodies;
import io.taskbridge.sync.ConnectionDao;
import io.taskbridge.sync.ConnectionSecrets;
import io.taskbridge.sync.RemoteSync;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/{connection}}: a task system says a task changed. The request is
 * authenticated (awork: its configured header and value; the generic webhook: HMAC-SHA256 over
 * {@code timestamp + "." + body} in {@code X-Taskbridge-Signature: sha256=<hex>}, with
 * {@code X-Taskbridge-Timestamp} within five minutes), its delivery recorded (a repeat is answered
 * 200 and ignored), and answered 202 at once. Then the task is read from its system and goes through
 * {@link RemoteSync}, the same path as polling: one path to Slack. If that read fails, the next poll
 * brings the change, so nothing is lost.
 */
public final class Webhooks {
    /** How long a delivery is remembered to recognise its retries. */
    static final java.time.Duration DELIVERY_MEMORY = java.time.Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    static final Duration WINDOW = Duration.ofMinutes(5);
    public static final String SIGNATURE = "X-Taskbridge-Signature";
    public static final String TIMESTAMP = "X-Taskbridge-Timestamp";

    private final Backends backends;
    private final Map<String, WebhookAuth> configured;
    private final ConnectionSecrets stored;
    private final RemoteSync sync;
    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final Intake intake;
    private final Clock clock;
    static final String KIND = "webhook";

    /** A delivery to apply after its 202: which connection said what about which task. */
    record Delivery(String connection, String kind, String taskId) {}

    /** Deliveries are recorded in {@code intake} with their delivery key, and applied by its workers. */
    public Webhooks(Backends backends, Map<String, WebhookAuth> configured, ConnectionSecrets stored, RemoteSync sync,
                    Jdbi jdbi, ObjectMapper json, Intake intake, Clock clock) {
        this.backends = backends;
        this.configured = Map.copyOf(configured);
        this.stored = stored;
        this.sync = sync;
        this.jdbi = jdbi;
        this.json = json;
        this.intake = intake;
        this.clock = clock;
        intake.on(KIND, payload -> {
            Delivery d = read(payload);
            backends.named(d.connection()).ifPresentOrElse(b -> process(b, new Event(d.kind(), d.taskId())),
                    () -> log.warn("webhook for {} dropped: the connection is no longer configured", d.connection()));
        });
    }

    private Delivery read(String payload) {
        try {
            return json.readValue(payload, Delivery.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String write(Delivery delivery) {
        try {
            return json.writeValueAsString(delivery);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Registers the endpoint; pass as {@code webhooks::addTo} to the HTTP server. */
    public void addTo(RoutesConfig routes) {
        routes.post("/webhooks/{connection}", this::receive);
    }

    private void receive(Context ctx) {
        String connection = ctx.pathParam("connection");
        Optional<TaskBackend> backend = backends.named(connection);
        Optional<WebhookAuth> auth = backend.flatMap(b -> auth(connection));
        if (backend.isEmpty() || auth.isEmpty()) {
            ErrorBodies.send(ctx, 404, "resource_not_found", "No webhook is set up for a connection named " + connection + ".");
            return;
        }
        byte[] body = ctx.bodyAsBytes();
        Optional<String> refusal = verify(auth.get(), ctx, body);
        if (refusal.isPresent()) {
            ErrorBodies.send(ctx, 401, "invalid_authentication", refusal.get());
            return;
        }
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (java.io.IOException e) {
            ErrorBodies.send(ctx, 400, "invalid_format", "The body must be JSON.");
            return;
        }
        Optional<Event> event = Event.read(payload);
        if (event.isEmpty()) {
            ErrorBodies.send(ctx, 422, "validation_error", "The body names no task.", Map.of("task", "a task id is required"));
            return;
        }
        List<String> keys = deliveryKeys(auth.get(), ctx, body);
        long now = clock.millis();
        String work = write(new Delivery(connection, event.get().kind(), event.get().taskId()));
        // The delivery key and the work it promises are one transaction: the 202 means both are kept.
        boolean first = jdbi.inTransaction(tx -> {
            ConnectionDao dao = Daos.on(tx, ConnectionDao.class);
            dao.forgetDeliveries(now - DELIVERY_MEMORY.toMillis());
            boolean unseen = true;
            for (String key : keys) {
                unseen &= dao.firstDelivery(connection, key, now) == 1;
            }
            if (!unseen) {
                return false;
            }
            // Known in the inbox by the delivery's first key: what was signed, for a signed delivery.
            intake.accept(tx, KIND, KIND + ":" + connection + ":" + keys.get(0), work);
            return true;
        });
        if (!first) {
            ctx.status(200).json(Map.of("status", "duplicate"));
            return;
        }
        ctx.status(202).json(Map.of("status", "accepted"));
    }

    /**
     * What identifies a delivery, each key remembered for {@link #DELIVERY_MEMORY}; a delivery any of
     * whose keys was seen is a repeat. A signed delivery is known by what was signed (timestamp and
     * body), whatever its unsigned {@code X-Taskbridge-Delivery} header says: a captured delivery
     * sent again with a new header is still a repeat. The header, when given, is a second key, so a
     * sender's retry signed anew is recognised too. An unsigned one (awork's header token) is known
     * by its delivery header, or else by its body. Processing a repeat would be harmless anyway (the
     * task is read again from its system); this saves the work and the replay.
     */
    private static List<String> deliveryKeys(WebhookAuth auth, Context ctx, byte[] body) {
        Optional<String> id = Optional.ofNullable(ctx.header("X-Taskbridge-Delivery")).map(String::strip)
                .filter(s -> !s.isEmpty()).map(s -> "id:" + s);
        if (auth instanceof WebhookAuth.Hmac) {
            String signed = "signed:" + Optional.ofNullable(ctx.header(TIMESTAMP)).orElse("").strip() + "." + sha256(body);
            return id.map(i -> List.of(signed, i)).orElse(List.of(signed));
        }
        return List.of(id.orElseGet(() -> "body:" + sha256(body)));
    }

    /** What a webhook said happened to which task. */
    record Event(String kind, String taskId) {
        boolean deleted() {
            return kind.endsWith("deleted") && !kind.startsWith("taskassignment");
        }

        /**
         * awork: {@code eventType} (or {@code type}, {@code event}) and the task under {@code entity} or
         * {@code data} ({@code taskId} for assignment events); the generic webhook: {@code event} and
         * {@code task.id} (or {@code taskId}).
         */
        static Optional<Event> read(JsonNode p) {
            String kind = first(p, "eventType", "type", "event").orElse("task_updated").toLowerCase(java.util.Locale.ROOT);
            JsonNode entity = p.has("entity") ? p.get("entity") : p.has("data") ? p.get("data") : p.has("task") ? p.get("task") : p;
            Optional<String> id = first(entity, "taskId").or(() -> first(p, "taskId")).or(() -> first(entity, "id"));
            return id.map(i -> new Event(kind, i));
        }

        private static Optional<String> first(JsonNode n, String... fields) {
            for (String f : fields) {
                JsonNode v = n.path(f);
                if ((v.isTextual() && !v.asText().isBlank()) || v.isNumber()) {
                    return Optional.of(v.asText());
                }
            }
            return Optional.empty();
        }
    }

    private void process(TaskBackend backend, Event event) {
        try {
            if (event.deleted()) {
                jdbi.useTransaction(tx -> sync.deleted(tx, backend, event.taskId()));
                return;
            }
            var remote = backend.get(event.taskId());
            jdbi.useTransaction(tx -> sync.apply(tx, backend, remote, false));
        } catch (BackendException.NotFound e) {
            jdbi.useTransaction(tx -> sync.deleted(tx, backend, event.taskId()));
        } catch (BackendException | io.taskbridge.task.TaskProblem e) {
            log.warn("webhook {} for {} task {} not applied now ({}); the next poll brings it", event.kind(),
                    backend.name(), event.taskId(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("webhook {} for {} failed", event.kind(), backend.name(), e);
        }
    }

    private Optional<WebhookAuth> auth(String connection) {
        if (configured.containsKey(connection)) {
            return Optional.of(configured.get(connection));
        }
        return stored.get(connection, "webhook_hmac").map(s -> (WebhookAuth) new WebhookAuth.Hmac(s));
    }

    private Optional<String> verify(WebhookAuth auth, Context ctx, byte[] body) {
        if (auth instanceof WebhookAuth.HeaderToken token) {
            String given = Optional.ofNullable(ctx.header(token.header())).orElse("");
            return Hmac.same(given, token.value().value()) ? Optional.empty()
                    : Optional.of("The webhook's " + token.header() + " header is missing or wrong.");
        }
        WebhookAuth.Hmac hmac = (WebhookAuth.Hmac) auth;
        String timestamp = Optional.ofNullable(ctx.header(TIMESTAMP)).orElse("");
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Optional.of(TIMESTAMP + " must be the Unix time in seconds.");
        }
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            return Optional.of(TIMESTAMP + " is more than five minutes away from now: sign each delivery when sending it.");
        }
        String expected = "sha256=" + sign(hmac.secret(), timestamp.strip(), body);
        return Hmac.same(Optional.ofNullable(ctx.header(SIGNATURE)).orElse("").strip(), expected) ? Optional.empty()
                : Optional.of(SIGNATURE + " does not match the body.");
    }

    /** {@code hex(HMAC-SHA256(secret, timestamp + "." + body))}. */
    public static String sign(Secret secret, String timestamp, byte[] body) {
        return Hmac.sha256Hex(secret, timestamp + ".", body);
    }

    private static String sha256(byte[] body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
