package io.taskbridge.workspace;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a request comes from: the conversation a command was typed or a button clicked in, or none
 * (App Home, a modal opened elsewhere, a link). A task in a private conversation is visible from
 * inside it.
 */
public record Origin(Optional<String> conversationId) {
    public Origin {
        Objects.requireNonNull(conversationId, "conversationId");
    }

    public static Origin in(String conversationId) {
        return new Origin(Optional.of(conversationId));
    }

    public static Origin nowhere() {
        return new Origin(Optional.empty());
    }

    boolean isInside(Conversation conversation) {
        return conversationId.filter(conversation.id()::equals).isPresent();
    }
}
