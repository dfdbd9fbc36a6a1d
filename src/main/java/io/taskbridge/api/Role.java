package io.taskbridge.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an API key may do (seed 001): admins also manage keys; admins and managers assign anyone. */
public enum Role {
    ADMIN,
    MANAGER,
    MEMBER;

    /** The name on the wire: {@code admin}, {@code manager}, {@code member}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean assignsOthers() {
        return this != MEMBER;
    }

    public static Optional<Role> parse(String wire) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(wire)).findFirst();
    }
}
