package io.taskbridge.workspace;

import java.util.Objects;

/** A REST caller as the policy sees it: the key's principal and role. */
public record ApiKeyHolder(String principal, KeyRole role) {
    public ApiKeyHolder {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(role, "role");
    }
}
