package io.taskbridge.slack;

import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.model.builtin.DefaultBot;
import com.slack.api.bolt.model.builtin.DefaultInstaller;
import com.slack.api.bolt.service.InstallationService;
import io.taskbridge.platform.Secret;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.workspace.Installation;
import io.taskbridge.workspace.Installations;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Bolt's {@link InstallationService} on our own store ({@link Installations}): what the OAuth
 * callback saves, and what Bolt asks for when it needs a workspace's bot. No history is kept: a
 * reinstall replaces the installation.
 */
final class BoltInstallations implements InstallationService {
    private final Installations installations;
    private final Clock clock;

    BoltInstallations(Installations installations, Clock clock) {
        this.installations = installations;
        this.clock = clock;
    }

    @Override
    public boolean isHistoricalDataEnabled() {
        return false;
    }

    @Override
    public void setHistoricalDataEnabled(boolean enabled) {
        if (enabled) {
            throw new UnsupportedOperationException("Taskbridge keeps one installation per workspace");
        }
    }

    @Override
    public void saveInstallerAndBot(Installer i) {
        boolean org = Boolean.TRUE.equals(i.getIsEnterpriseInstall());
        WorkspaceId workspace = PayloadWorkspace.of(i.getEnterpriseId(), org, i.getTeamId())
                .orElseThrow(() -> new IllegalArgumentException("oauth.v2.access named no team or enterprise"));
        installations.save(new Installation(workspace, text(i.getTeamId()), text(i.getEnterpriseId()), org,
                text(i.getAppId()), text(i.getBotUserId()), text(i.getBotId()), text(i.getInstallerUserId()),
                text(i.getBotScope()), text(i.getBotAccessToken()).map(Secret::new),
                text(i.getBotRefreshToken()).map(Secret::new),
                Optional.ofNullable(i.getBotTokenExpiresAt()).map(Instant::ofEpochMilli),
                text(i.getInstallerUserAccessToken()).map(Secret::new), clock.instant(), Optional.empty(), 0));
    }

    @Override
    public void deleteBot(Bot bot) {
        uninstall(bot.getEnterpriseId(), bot.getTeamId(), bot.getIsEnterpriseInstall());
    }

    @Override
    public void deleteInstaller(Installer installer) {
        uninstall(installer.getEnterpriseId(), installer.getTeamId(), installer.getIsEnterpriseInstall());
    }

    private void uninstall(String enterpriseId, String teamId, Boolean org) {
        PayloadWorkspace.of(enterpriseId, Boolean.TRUE.equals(org), teamId).ifPresent(installations::uninstall);
    }

    @Override
    public Bot findBot(String enterpriseId, String teamId) {
        return installations.serving(text(enterpriseId), text(teamId)).map(BoltInstallations::bot).orElse(null);
    }

    @Override
    public Installer findInstaller(String enterpriseId, String teamId, String userId) {
        return installations.serving(text(enterpriseId), text(teamId)).map(i -> {
            DefaultInstaller installer = new DefaultInstaller();
            installer.setAppId(i.appId().orElse(null));
            installer.setEnterpriseId(i.enterpriseId().orElse(null));
            installer.setTeamId(i.teamId().orElse(null));
            installer.setIsEnterpriseInstall(i.enterpriseInstall());
            installer.setBotId(i.botId().orElse(null));
            installer.setBotUserId(i.botUserId().orElse(null));
            installer.setBotAccessToken(i.botToken().map(Secret::value).orElse(null));
            installer.setInstallerUserId(i.installerUserId().orElse(null));
            return (Installer) installer;
        }).orElse(null);
    }

    private static Bot bot(Installation i) {
        DefaultBot bot = new DefaultBot();
        bot.setAppId(i.appId().orElse(null));
        bot.setEnterpriseId(i.enterpriseId().orElse(null));
        bot.setTeamId(i.teamId().orElse(null));
        bot.setIsEnterpriseInstall(i.enterpriseInstall());
        bot.setBotId(i.botId().orElse(null));
        bot.setBotUserId(i.botUserId().orElse(null));
        bot.setScope(i.scope().orElse(null));
        bot.setBotAccessToken(i.botToken().map(Secret::value).orElse(null));
        bot.setBotRefreshToken(i.botRefreshToken().map(Secret::value).orElse(null));
        bot.setBotTokenExpiresAt(i.botExpiresAt().map(Instant::toEpochMilli).orElse(null));
        bot.setInstalledAt(i.installedAt().toEpochMilli());
        return bot;
    }

    private static Optional<String> text(String s) {
        return Optional.ofNullable(s).filter(v -> !v.isBlank());
    }
}
