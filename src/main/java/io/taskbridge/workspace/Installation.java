package io.taskbridge.workspace;

import io.taskbridge.platform.Secret;
import io.taskbridge.platform.WorkspaceId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Taskbridge installed in one workspace (a team, or an organisation for an org-wide install) through
 * "Add to Slack". The tokens are empty once the app is uninstalled or its tokens revoked; a bot token
 * with {@code botExpiresAt} rotates (Slack's 12-hour tokens) with {@code botRefreshToken}.
 * {@code version} is what a refresh compares and sets.
 */
public record Installation(
        WorkspaceId workspace,
        Optional<String> teamId,
        Optional<String> enterpriseId,
        boolean enterpriseInstall,
        Optional<String> appId,
        Optional<String> botUserId,
        Optional<String> botId,
        Optional<String> installerUserId,
        Optional<String> scope,
        Optional<Secret> botToken,
        Optional<Secret> botRefreshToken,
        Optional<Instant> botExpiresAt,
        Optional<Secret> userToken,
        Instant installedAt,
        Optional<Instant> uninstalledAt,
        long version) {

    public Installation {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(installedAt, "installedAt");
    }

    public boolean active() {
        return uninstalledAt.isEmpty() && botToken.isPresent();
    }
}
