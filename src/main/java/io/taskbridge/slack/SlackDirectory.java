package io.taskbridge.slack;

import io.taskbridge.access.ConversationKinds;
import io.taskbridge.platform.WorkspaceId;
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
 * a channel is ({@code conversations.info}, remembered here for {@code ttl}), and whether someone is in
 * it ({@code conversations.members}, not remembered). A failed call answers
 * empty and is not remembered: the person counts as no admin, the channel as private. Each question
 * goes to the workspace it is about, with that workspace's token ({@link SlackWebs}); its
 * {@code teamId} is the workspace id (team, or enterprise of an org-wide install), and answers are
 * remembered per workspace. A workspace without a token answers empty.
 */
public final class SlackDirectory implements WorkspaceAdmins, ConversationKinds {
    private final SlackWebs webs;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Known> kinds = new ConcurrentHashMap<>();

    public SlackDirectory(SlackWebs webs, Clock clock, Duration ttl) {
        this.webs = webs;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public Optional<Boolean> isAdminOrOwner(String teamId, String userId) {
        return web(teamId).map(web -> web.userIsAdmin(userId)).orElse(null) instanceof SlackResult.Ok<Boolean> ok
                ? Optional.of(ok.value()) : Optional.empty();
    }

    @Override
    public Optional<ConversationKind> kindOf(String teamId, String channelId) {
        Instant now = clock.instant();
        String key = teamId + "/" + channelId;
        Known known = kinds.get(key);
        if (known != null && now.isBefore(known.until())) {
            return Optional.of(known.kind());
        }
        if (web(teamId).map(web -> web.conversationKind(channelId)).orElse(null) instanceof SlackResult.Ok<ConversationKind> ok) {
            kinds.put(key, new Known(ok.value(), now.plus(ttl)));
            return Optional.of(ok.value());
        }
        return Optional.empty();
    }

    /** Asked each time (membership changes): {@code conversations.members} with the workspace's token. */
    @Override
    public Optional<Boolean> isMember(String teamId, String channelId, String userId) {
        return web(teamId).map(web -> web.isMember(channelId, userId)).orElse(null) instanceof SlackResult.Ok<Boolean> ok
                ? Optional.of(ok.value()) : Optional.empty();
    }

    private Optional<SlackWeb> web(String workspace) {
        return workspace.isBlank() ? Optional.empty() : webs.of(new WorkspaceId(workspace));
    }

    private record Known(ConversationKind kind, Instant until) {}
}
