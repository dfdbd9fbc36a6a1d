package io.taskbridge.platform;

import java.util.Map;
import java.util.Optional;

/** Reading settings from a map shaped like the environment. */
public final class Env {
    private Env() {}

    /** The setting's value without surrounding blanks; empty when unset or blank. */
    public static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
