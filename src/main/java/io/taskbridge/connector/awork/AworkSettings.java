package io.taskbridge.connector.awork;

import io.taskbridge.platform.Secret;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One awork workspace: {@code AWORK_BASE_URL} (default {@code https://api.awork.com}), the API key
 * ({@code AWORK_API_KEY}) and, optionally, {@code AWORK_PROJECT_ID}: new tasks are project tasks
 * there, otherwise private tasks of the key's user.
 */
public record AworkSettings(URI baseUrl, Secret apiKey, Optional<String> projectId) {
    public static final String DEFAULT_BASE_URL = "https://api.awork.com";

    public AworkSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        String s = baseUrl.toString();
        baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }
}
