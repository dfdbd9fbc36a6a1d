package io.taskbridge.slack;

import com.slack.api.app_backend.events.payload.Authorization;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.model.event.AppUninstalledEvent;
import com.slack.api.model.event.TokensRevokedEvent;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.workspace.Installations;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code app_uninstalled} and {@code tokens_revoked}: the workspace's tokens are forgotten (its tasks
 * stay, belonging to an uninstalled workspace), so its queued posts fail for good instead of being
 * retried for ever. An org-wide installation's events name the enterprise in their authorizations.
 */
final class UninstallEvents {
    private static final Logger log = LoggerFactory.getLogger(UninstallEvents.class);

    private final Installations installations;

    UninstallEvents(Installations installations) {
        this.installations = installations;
    }

    void register(App app) {
        app.event(AppUninstalledEvent.class, (payload, ctx) -> {
            forget(payload, "app_uninstalled");
            return ctx.ack();
        });
        app.event(TokensRevokedEvent.class, (payload, ctx) -> {
            TokensRevokedEvent.Tokens tokens = payload.getEvent().getTokens();
            if (tokens != null && tokens.getBot() != null && !tokens.getBot().isEmpty()) {
                forget(payload, "tokens_revoked");
            }
            return ctx.ack();
        });
    }

    private void forget(EventsApiPayload<?> payload, String why) {
        Optional<WorkspaceId> workspace = workspace(payload);
        if (workspace.isPresent() && installations.uninstall(workspace.get())) {
            log.info("workspace {} uninstalled Taskbridge ({}): its tokens are forgotten, its tasks kept", workspace.get(), why);
        }
    }

    static Optional<WorkspaceId> workspace(EventsApiPayload<?> payload) {
        List<Authorization> auths = payload.getAuthorizations() == null ? List.of() : payload.getAuthorizations();
        boolean org = auths.stream().anyMatch(a -> Boolean.TRUE.equals(a.getIsEnterpriseInstall()));
        String team = auths.stream().map(Authorization::getTeamId).filter(t -> t != null && !t.isBlank()).findFirst()
                .orElse(payload.getTeamId());
        return PayloadWorkspace.of(payload.getEnterpriseId(), org, team);
    }
}
