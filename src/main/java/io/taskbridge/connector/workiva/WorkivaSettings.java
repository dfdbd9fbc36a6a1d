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
 * ({@code WORKIVA_CLIENT_ID}, {@code WORKIVA_CLIENT_SECRET}) and {@code WORKIVA_API_VERSION}.
 */
public record WorkivaSettings(URI baseUrl, String clientId, Secret clientSecret, WorkivaVersion version) {
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
                Env.text(env, "WORKIVA_API_VERSION").map(WorkivaVersion::of).orElse(WorkivaVersion.DEFAULT)));
    }

    public WorkivaSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(version, "version");
        baseUrl = Urls.withoutTrailingSlash(baseUrl);
    }
}
