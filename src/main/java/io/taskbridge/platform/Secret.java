package io.taskbridge.platform;

import java.util.Objects;

/** A credential from the environment. Its {@code toString} never shows the value, so logs can't either. */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "****";
    }
}
