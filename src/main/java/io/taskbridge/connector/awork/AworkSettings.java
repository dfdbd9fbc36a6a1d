package io.taskbridge.connector.awork;

import io.taskbridge.connector.Urls;
import io.taskbridge.connector.WebhookAuth;
import io.taskbridge.platform.Env;
import java.util.Map;
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

    /** From the environment; empty when {@code AWORK_API_KEY} is not set. */
    public static Optional<AworkSettings> from(Map<String, String> env) {
        return Env.text(env, "AWORK_API_KEY").map(key -> new AworkSettings(
                Env.url(env, "AWORK_BASE_URL", DEFAULT_BASE_URL), new Secret(key), Env.text(env, "AWORK_PROJECT_ID")));
    }

    /**
     * awork signs no webhook: with {@code AWORK_WEBHOOK_SECRET} set, its webhook carries that value in
     * a header named in awork's UI ({@code AWORK_WEBHOOK_HEADER}, default {@code X-Taskbridge-Token}).
     */
    public static Optional<WebhookAuth> webhook(Map<String, String> env) {
        return Env.text(env, "AWORK_WEBHOOK_SECRET").map(v -> new WebhookAuth.HeaderToken(
                Env.text(env, "AWORK_WEBHOOK_HEADER").orElse("X-Taskbridge-Token"), new Secret(v)));
    }

    public AworkSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        baseUrl = Urls.withoutTrailingSlash(baseUrl);
    }
}
