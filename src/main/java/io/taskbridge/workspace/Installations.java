package io.taskbridge.workspace;

import io.taskbridge.platform.Secret;
import io.taskbridge.platform.SecretBox;
import io.taskbridge.platform.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The installations, in our own database. Tokens are sealed with {@link SecretBox} (AES-GCM; the
 * workspace id is the associated data, so a sealed token copied to another row does not open).
 */
public final class Installations {
    private static final String COLUMNS = "workspace, team_id, enterprise_id, enterprise_install, app_id, bot_user_id,"
            + " bot_id, installer_user_id, scope, bot_token, bot_refresh_token, bot_expires_at, user_token,"
            + " installed_at, uninstalled_at, version";

    /** How long a claimed refresh is its instance's (a Slack call takes at most 15 s). */
    public static final java.time.Duration REFRESH_LEASE = java.time.Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final SecretBox box;
    private final Clock clock;

    public Installations(Jdbi jdbi, SecretBox box, Clock clock) {
        this.jdbi = jdbi;
        this.box = box;
        this.clock = clock;
    }

    /** Stores an installation, replacing the workspace's earlier one (a reinstall brings it back). */
    public void save(Installation i) {
        jdbi.useTransaction(tx -> {
            tx.createUpdate("DELETE FROM installations WHERE workspace = :w").bind("w", i.workspace().value()).execute();
            tx.createUpdate("INSERT INTO installations (" + COLUMNS + ") VALUES (:workspace, :team, :enterprise,"
                            + " :enterpriseInstall, :appId, :botUserId, :botId, :installer, :scope, :botToken, :refresh,"
                            + " :expires, :userToken, :installedAt, NULL, 0)")
                    .bind("workspace", i.workspace().value())
                    .bind("team", i.teamId().orElse(null))
                    .bind("enterprise", i.enterpriseId().orElse(null))
                    .bind("enterpriseInstall", i.enterpriseInstall())
                    .bind("appId", i.appId().orElse(null))
                    .bind("botUserId", i.botUserId().orElse(null))
                    .bind("botId", i.botId().orElse(null))
                    .bind("installer", i.installerUserId().orElse(null))
                    .bind("scope", i.scope().orElse(null))
                    .bind("botToken", seal(i.botToken(), i.workspace()))
                    .bind("refresh", seal(i.botRefreshToken(), i.workspace()))
                    .bind("expires", i.botExpiresAt().map(Instant::toEpochMilli).orElse(null))
                    .bind("userToken", seal(i.userToken(), i.workspace()))
                    .bind("installedAt", i.installedAt().toEpochMilli())
                    .execute();
        });
    }

    public Optional<Installation> find(WorkspaceId workspace) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM installations WHERE workspace = :w")
                .bind("w", workspace.value()).map(this::map).findOne());
    }

    /** The active installation that serves {@code teamId} in {@code enterpriseId}: the team's own, or its org's. */
    public Optional<Installation> serving(Optional<String> enterpriseId, Optional<String> teamId) {
        Optional<Installation> team = teamId.flatMap(t -> find(new WorkspaceId(t))).filter(Installation::active);
        return team.or(() -> enterpriseId.flatMap(e -> find(new WorkspaceId(e))).filter(Installation::active));
    }

    /** How many workspaces have Taskbridge installed now (for the installations gauge). */
    public static int active(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM installations WHERE uninstalled_at IS NULL")
                .mapTo(Integer.class).one());
    }

    /** Whether {@code workspace} has Taskbridge installed now (an operator may issue it API keys). */
    public static boolean installed(Jdbi jdbi, WorkspaceId workspace) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM installations WHERE workspace = :w"
                + " AND uninstalled_at IS NULL").bind("w", workspace.value()).mapTo(Integer.class).one()) > 0;
    }

    /**
     * The app was uninstalled or its tokens revoked: the tokens are forgotten, the row stays (its
     * tasks stay too, belonging to an uninstalled workspace). True when an active one was there.
     */

    public boolean uninstall(WorkspaceId workspace) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE installations SET bot_token = NULL, bot_refresh_token = NULL,"
                        + " bot_expires_at = NULL, user_token = NULL, uninstalled_at = :now, version = version + 1"
                        + " WHERE workspace = :w AND uninstalled_at IS NULL")
                .bind("now", clock.millis()).bind("w", workspace.value()).execute()) == 1;
    }

    /** Active installations whose bot token expires before {@code before}. */
    public List<Installation> expiringBefore(Instant before) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM installations WHERE uninstalled_at IS NULL"
                        + " AND bot_refresh_token IS NOT NULL AND bot_expires_at < :before AND refresh_claimed_until < :now")
                .bind("before", before.toEpochMilli()).bind("now", clock.millis()).map(this::map).list());
    }

    /**
     * Claims the refresh of {@code seen}'s token: a conditional UPDATE of its version that also takes a
     * lease ({@link #REFRESH_LEASE}), so of several instances that saw the same row one wins (and asks
     * Slack) and the others leave it alone while it does, then read the new token. A claim whose
     * instance died runs out. Gives the claimed row, whose version {@link #rotated} compares.
     */
    public java.util.Optional<Installation> claimRefresh(Installation seen) {
        long now = clock.millis();
        int claimed = jdbi.withHandle(h -> h.createUpdate("UPDATE installations SET version = version + 1,"
                        + " refresh_claimed_until = :until WHERE workspace = :w AND version = :version"
                        + " AND uninstalled_at IS NULL AND refresh_claimed_until < :now")
                .bind("until", now + REFRESH_LEASE.toMillis()).bind("now", now)
                .bind("w", seen.workspace().value()).bind("version", seen.version()).execute());
        return claimed == 1 ? find(seen.workspace()) : Optional.empty();
    }

    /**
     * Replaces the bot token if the row is still at {@code seen}'s version (nobody uninstalled or
     * claimed it since). False when it moved on.
     */
    public boolean rotated(Installation seen, Secret token, Secret refresh, Instant expiresAt) {
        return jdbi.withHandle(h -> rotated(h, seen, token, refresh, expiresAt));
    }

    private boolean rotated(Handle h, Installation seen, Secret token, Secret refresh, Instant expiresAt) {
        return h.createUpdate("UPDATE installations SET bot_token = :token, bot_refresh_token = :refresh,"
                        + " bot_expires_at = :expires, version = version + 1, refresh_claimed_until = 0"
                        + " WHERE workspace = :w AND version = :version AND uninstalled_at IS NULL")
                .bind("token", seal(Optional.of(token), seen.workspace()))
                .bind("refresh", seal(Optional.of(refresh), seen.workspace()))
                .bind("expires", expiresAt.toEpochMilli())
                .bind("w", seen.workspace().value()).bind("version", seen.version()).execute() == 1;
    }

    private String seal(Optional<Secret> secret, WorkspaceId workspace) {
        return secret.map(s -> box.seal(s, "installation:" + workspace.value())).orElse(null);
    }

    private Optional<Secret> open(String sealed, WorkspaceId workspace) {
        return Optional.ofNullable(sealed).map(s -> box.open(s, "installation:" + workspace.value()));
    }

    private Installation map(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        WorkspaceId workspace = new WorkspaceId(rs.getString("workspace"));
        long expires = rs.getLong("bot_expires_at");
        Optional<Instant> expiresAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expires));
        long uninstalled = rs.getLong("uninstalled_at");
        Optional<Instant> uninstalledAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(uninstalled));
        return new Installation(workspace, text(rs, "team_id"), text(rs, "enterprise_id"),
                rs.getBoolean("enterprise_install"), text(rs, "app_id"), text(rs, "bot_user_id"), text(rs, "bot_id"),
                text(rs, "installer_user_id"), text(rs, "scope"), open(rs.getString("bot_token"), workspace),
                open(rs.getString("bot_refresh_token"), workspace), expiresAt, open(rs.getString("user_token"), workspace),
                Instant.ofEpochMilli(rs.getLong("installed_at")), uninstalledAt, rs.getLong("version"));
    }

    private static Optional<String> text(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }
}
