package io.taskbridge.connector.taskapi;

import io.taskbridge.platform.Secret;
import java.net.URI;
import java.util.Objects;

/** A server speaking the generic task protocol (seed 001): {@code TASKAPI_BASE_URL} and {@code TASKAPI_TOKEN}. */
public record TaskApiSettings(URI baseUrl, Secret token) {
    public TaskApiSettings {
        Objects.requireNonNull(token, "token");
        String s = baseUrl.toString();
        baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }
}
