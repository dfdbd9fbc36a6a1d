package io.taskbridge.platform;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** Reading settings from a map shaped like the environment. */
public final class Env {
    private Env() {}

    /** The setting's value without surrounding blanks; empty when unset or blank. */
    public static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** The setting's value; fails with its name when it is unset (another setting needs it). */
    public static String required(Map<String, String> env, String name) {
        return text(env, name).orElseThrow(() -> new IllegalArgumentException(name + " must be set as well"));
    }

    /** An absolute URL, {@code fallback} when unset; a malformed one fails with its name. */
    public static URI url(Map<String, String> env, String name, String fallback) {
        String raw = text(env, name).orElse(fallback);
        try {
            URI uri = URI.create(raw);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be an absolute URL such as " + fallback);
        }
    }
}
