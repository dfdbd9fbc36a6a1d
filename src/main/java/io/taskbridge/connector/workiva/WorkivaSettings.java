package io.taskbridge.connector.workiva;

import io.taskbridge.platform.Secret;
import java.net.URI;
import java.util.Objects;

/**
 * How to reach one Workiva workspace: {@code WORKIVA_BASE_URL} (default US), the OAuth2 client
 * ({@code WORKIVA_CLIENT_ID}, {@code WORKIVA_CLIENT_SECRET}) and {@code WORKIVA_API_VERSION}.
 */
public record WorkivaSettings(URI baseUrl, String clientId, Secret clientSecret, WorkivaVersion version) {
    public static final String DEFAULT_BASE_URL = "https://api.app.wdesk.com";

    public WorkivaSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(version, "version");
        String s = baseUrl.toString();
        baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }
}
