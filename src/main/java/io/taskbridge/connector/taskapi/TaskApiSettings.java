package io.taskbridge.connector.taskapi;

import io.taskbridge.connector.Urls;
import io.taskbridge.connector.WebhookAuth;
import io.taskbridge.platform.Env;
import java.util.Map;
import java.util.Optional;
import io.taskbridge.platform.Secret;
import java.net.URI;
import java.util.Objects;

/** A server speaking the generic task protocol (seed 001): {@code TASKAPI_BASE_URL} and {@code TASKAPI_TOKEN}. */
public record TaskApiSettings(URI baseUrl, Secret token) {
    /** From the environment; empty when neither {@code TASKAPI_BASE_URL} nor {@code TASKAPI_TOKEN} is set. */
    public static Optional<TaskApiSettings> from(Map<String, String> env) {
        if (Env.text(env, "TASKAPI_BASE_URL").isEmpty() && Env.text(env, "TASKAPI_TOKEN").isEmpty()) {
            return Optional.empty();
        }
        TaskApiSettings settings = new TaskApiSettings(Env.url(env, "TASKAPI_BASE_URL", "https://tasks.example.com/v1"),
                new Secret(Env.required(env, "TASKAPI_TOKEN")));
        Env.required(env, "TASKAPI_BASE_URL");
        return Optional.of(settings);
    }

    /** The generic webhook is signed with HMAC-SHA256 under {@code TASKAPI_WEBHOOK_SECRET}. */
    public static Optional<WebhookAuth> webhook(Map<String, String> env) {
        return Env.text(env, "TASKAPI_WEBHOOK_SECRET").map(v -> new WebhookAuth.Hmac(new Secret(v)));
    }

    public TaskApiSettings {
        Objects.requireNonNull(token, "token");
        baseUrl = Urls.withoutTrailingSlash(baseUrl);
    }
}
