package io.taskbridge.slack;

import io.taskbridge.access.ConversationKinds;
import io.taskbridge.workspace.ConversationKind;
import io.taskbridge.workspace.WorkspaceAdmins;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the permission policy asks Slack: whether a person is a workspace admin or owner
 * ({@code users.info}; {@code workspace.Admins} remembers the answers) and what kind of conversation
 * a channel is ({@code conversations.info}, remembered here for {@code ttl}). A failed call answers
 * empty and is not remembered: the person counts as no admin, the channel as private.
 */
public final class SlackDirectory implements WorkspaceAdmins, ConversationKinds {
    private final SlackWeb web;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Known> kinds = new ConcurrentHashMap<>();

    public SlackDirectory(SlackWeb web, Clock clock, Duration ttl) {
        this.web = web;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public Optional<Boolean> isAdminOrOwner(String teamId, String userId) {
        return web.userIsAdmin(userId) instanceof SlackResult.Ok<Boolean> ok ? Optional.of(ok.value()) : Optional.empty();
    }

    @Override
    public Optional<ConversationKind> kindOf(String teamId, String channelId) {
        Instant now = clock.instant();
        String key = teamId + "/" + channelId;
        Known known = kinds.get(key);
        if (known != null && now.isBefore(known.until())) {
            return Optional.of(known.kind());
        }
        if (web.conversationKind(channelId) instanceof SlackResult.Ok<ConversationKind> ok) {
            kinds.put(key, new Known(ok.value(), now.plus(ttl)));
            return Optional.of(ok.value());
        }
        return Optional.empty();
    }

    private record Known(ConversationKind kind, Instant until) {}
}
