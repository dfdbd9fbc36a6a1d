package io.taskbridge.workspace;

import java.util.Objects;

/**
 * The policy's answer. {@link Denied} carries the reason to show the person (ephemeral in Slack,
 * the message of a REST 403). {@link Hidden} carries nothing on purpose: the caller may not learn
 * that the task exists, so the entry point answers exactly as it does for a task that does not.
 */
public sealed interface Decision {
    Allowed ALLOWED = new Allowed();
    Hidden HIDDEN = new Hidden();

    default boolean allowed() {
        return this instanceof Allowed;
    }

    record Allowed() implements Decision {}

    record Denied(String reason) implements Decision {
        public Denied {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Hidden() implements Decision {}
}
