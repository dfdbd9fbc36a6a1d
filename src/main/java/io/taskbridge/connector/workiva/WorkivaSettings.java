package io.taskbridge.connector.workiva;

import io.taskbridge.connector.Urls;
import io.taskbridge.platform.Env;
import java.util.Map;
import java.util.Optional;
import io.taskbridge.platform.Secret;
import java.net.URI;
import java.util.Objects;

/**
 * How to reach one Workiva workspace: {@code WORKIVA_BASE_URL} (default US), the OAuth2 client
 * ({@code WORKIVA_CLIENT_ID}, {@code WORKIVA_CLIENT_SECRET}), {@code WORKIVA_API_VERSION}, and
 * {@code WORKIVA_USER_ID}: the Workiva user the client acts as, the participant of the approval
 * steps a review from Slack creates (its decisions are submitted as that user).
 */
public record WorkivaSettings(URI baseUrl, String clientId, Secret clientSecret, WorkivaVersion version,
                              Optional<String> userId) {
    public static final String DEFAULT_BASE_URL = "https://api.app.wdesk.com";

    /** From the environment; empty when neither the client id nor its secret is set. */
    public static Optional<WorkivaSettings> from(Map<String, String> env) {
        if (Env.text(env, "WORKIVA_CLIENT_ID").isEmpty() && Env.text(env, "WORKIVA_CLIENT_SECRET").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WorkivaSettings(
                Env.url(env, "WORKIVA_BASE_URL", DEFAULT_BASE_URL),
                Env.required(env, "WORKIVA_CLIENT_ID"),
                new Secret(Env.required(env, "WORKIVA_CLIENT_SECRET")),
                Env.text(env, "WORKIVA_API_VERSION").map(WorkivaVersion::of).orElse(WorkivaVersion.DEFAULT),
                Env.text(env, "WORKIVA_USER_ID")));
    }

    /** Without {@code WORKIVA_USER_ID}: a review from Slack can't be set up in Workiva. */
    public WorkivaSettings(URI baseUrl, String clientId, Secret clientSecret, WorkivaVersion version) {
        this(baseUrl, clientId, clientSecret, version, Optional.empty());
    }

    public WorkivaSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(userId, "userId");
        baseUrl = Urls.withoutTrailingSlash(baseUrl);
    }
}
