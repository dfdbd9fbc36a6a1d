package io.taskbridge.workspace;

import java.util.Objects;

/** A Slack conversation: its id ({@code C…}, {@code G…}, {@code D…}) and its kind. */
public record Conversation(String id, ConversationKind kind) {
    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
    }
}
