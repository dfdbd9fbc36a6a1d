package io.taskbridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.connector.BackendHttp;
import io.taskbridge.connector.TaskBackend;
import io.taskbridge.connector.WebhookAuth;
import io.taskbridge.platform.Env;
import io.taskbridge.platform.Secret;
import io.taskbridge.connector.awork.AworkBackend;
import io.taskbridge.connector.awork.AworkSettings;
import io.taskbridge.connector.taskapi.TaskApiBackend;
import io.taskbridge.connector.taskapi.TaskApiSettings;
import io.taskbridge.connector.workiva.WorkivaBackend;
import io.taskbridge.connector.workiva.WorkivaSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The connectors' settings, read from the environment: a connection exists when its credentials
 * are set ({@code WORKIVA_CLIENT_ID} and {@code WORKIVA_CLIENT_SECRET}; {@code AWORK_API_KEY};
 * {@code TASKAPI_BASE_URL} and {@code TASKAPI_TOKEN}). {@code pollInterval} is
 * {@code TASKBRIDGE_POLL_INTERVAL} (seconds, or with a unit: {@code 500ms}, {@code 2m}, {@code 1h}; default
 * 60 s); {@code admins} is {@code TASKBRIDGE_ADMINS}, Slack user ids who may connect channels and
 * link people (empty: everyone may); {@code encryptionKey} is {@code TASKBRIDGE_ENCRYPTION_KEY}
 * (base64 of 16, 24 or 32 bytes) for credentials kept in the database; {@code webhooks} says how
 * each connection's inbound webhooks authenticate ({@link WebhookAuth}).
 */
public record ConnectorSettings(Optional<WorkivaSettings> workiva, Optional<AworkSettings> awork,
                                Optional<TaskApiSettings> taskApi, Duration pollInterval, Set<String> admins,
                                Optional<Secret> encryptionKey, Map<String, WebhookAuth> webhooks) {
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(60);

    public ConnectorSettings {
        admins = Set.copyOf(admins);
        webhooks = Map.copyOf(webhooks);
    }

    public static ConnectorSettings none() {
        return new ConnectorSettings(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_POLL_INTERVAL,
                Set.of(), Optional.empty(), Map.of());
    }

    public static ConnectorSettings from(Map<String, String> env) {
        Optional<WorkivaSettings> workiva = WorkivaSettings.from(env);
        Optional<AworkSettings> awork = AworkSettings.from(env);
        Optional<TaskApiSettings> taskApi = TaskApiSettings.from(env);
        Set<String> admins = Env.text(env, "TASKBRIDGE_ADMINS").map(a -> Arrays.stream(a.split("[,\\s]+"))
                .filter(s -> !s.isBlank()).collect(Collectors.toSet())).orElse(Set.of());
        Map<String, WebhookAuth> webhooks = new LinkedHashMap<>();
        AworkSettings.webhook(env).ifPresent(auth -> webhooks.put(AworkBackend.NAME, auth));
        TaskApiSettings.webhook(env).ifPresent(auth -> webhooks.put(TaskApiBackend.NAME, auth));
        return new ConnectorSettings(workiva, awork, taskApi,
                Env.text(env, "TASKBRIDGE_POLL_INTERVAL").map(ConnectorSettings::duration).orElse(DEFAULT_POLL_INTERVAL),
                admins, Env.text(env, "TASKBRIDGE_ENCRYPTION_KEY").map(Secret::new), webhooks);
    }

    public List<TaskBackend> connect(ObjectMapper json, Clock clock) {
        List<TaskBackend> out = new ArrayList<>();
        BackendHttp.Policy policy = BackendHttp.Policy.standard();
        workiva.ifPresent(w -> out.add(new WorkivaBackend(w, policy, json, clock)));
        awork.ifPresent(a -> out.add(new AworkBackend(a, policy, json, clock)));
        taskApi.ifPresent(t -> out.add(new TaskApiBackend(t, policy, json, clock)));
        return out;
    }

    static Duration duration(String raw) {
        String v = raw.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            Duration d;
            if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).strip()));
            } else if (v.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).strip()));
            } else if (v.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).strip()));
            } else if (v.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1).strip()));
            } else {
                d = Duration.ofSeconds(Long.parseLong(v));
            }
            if (d.isNegative() || d.isZero()) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TASKBRIDGE_POLL_INTERVAL must be a positive number of seconds"
                    + " (or 500ms, 30s, 2m, 1h), not '" + raw + "'");
        }
    }
}
