package io.taskbridge.slack;

import com.slack.api.Slack;
import io.taskbridge.platform.Secret;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.workspace.Installation;
import io.taskbridge.workspace.Installations;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Multi-workspace mode: each workspace's calls use its installation's bot token, read from the store
 * on every call (a rotated token is used at once, by every instance). One client per token.
 */
final class InstalledWebs extends SlackWebs {
    private static final int CLIENTS = 10_000;
    private final Slack slack;
    private final Installations installations;
    private final Map<String, SlackWeb> clients = new ConcurrentHashMap<>();

    InstalledWebs(Slack slack, Installations installations) {
        this.slack = slack;
        this.installations = installations;
    }

    @Override
    public Optional<SlackWeb> of(WorkspaceId workspace) {
        Optional<String> token = installations.find(workspace).filter(Installation::active)
                .flatMap(Installation::botToken).map(Secret::value);
        if (clients.size() >= CLIENTS) {
            clients.clear();
        }
        return token.map(t -> clients.computeIfAbsent(t, k -> new SlackWeb(slack.methods(k))));
    }
}
