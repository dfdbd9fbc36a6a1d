package io.taskbridge.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.payload.GlobalShortcutPayload;
import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import io.taskbridge.platform.WorkspaceId;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The workspace a Slack request is for, read from the payload itself (never from Bolt's context,
 * which single-workspace mode fills from the bot token's {@code auth.test}). Org-wide installations
 * send {@code "team": null} in interactivity payloads, so the team then comes from
 * {@code user.team_id} or {@code view.team_id}; an org-wide installation's workspace is its enterprise.
 */
final class PayloadWorkspace {
    private PayloadWorkspace() {}

    static Optional<WorkspaceId> of(SlashCommandPayload p) {
        return of(p.getEnterpriseId(), p.isEnterpriseInstall(), p.getTeamId());
    }

    static Optional<WorkspaceId> of(BlockActionPayload p) {
        return of(p.getEnterprise() == null ? null : p.getEnterprise().getId(), p.isEnterpriseInstall(),
                p.getTeam() == null ? null : p.getTeam().getId(),
                p.getUser() == null ? null : p.getUser().getTeamId(),
                p.getView() == null ? null : p.getView().getTeamId());
    }

    static Optional<WorkspaceId> of(MessageShortcutPayload p) {
        return of(p.getEnterprise() == null ? null : p.getEnterprise().getId(), p.isEnterpriseInstall(),
                p.getTeam() == null ? null : p.getTeam().getId(), p.getUser() == null ? null : p.getUser().getTeamId());
    }

    static Optional<WorkspaceId> of(GlobalShortcutPayload p) {
        return of(p.getEnterprise() == null ? null : p.getEnterprise().getId(), p.isEnterpriseInstall(),
                p.getTeam() == null ? null : p.getTeam().getId(), p.getUser() == null ? null : p.getUser().getTeamId());
    }

    static Optional<WorkspaceId> of(ViewSubmissionPayload p) {
        return of(p.getEnterprise() == null ? null : p.getEnterprise().getId(), p.isEnterpriseInstall(), teams(p));
    }

    /** The team (T…) a view was submitted in, even when {@code team} is null. */
    static Optional<String> team(ViewSubmissionPayload p) {
        return Stream.of(teams(p)).filter(t -> t != null && !t.isBlank()).findFirst();
    }

    private static String[] teams(ViewSubmissionPayload p) {
        return new String[] {p.getTeam() == null ? null : p.getTeam().getId(),
                p.getUser() == null ? null : p.getUser().getTeamId(),
                p.getView() == null ? null : p.getView().getTeamId()};
    }

    /** The team is the first of {@code teams} present. */
    static Optional<WorkspaceId> of(String enterpriseId, boolean enterpriseInstall, String... teams) {
        Optional<String> team = Stream.of(teams).filter(t -> t != null && !t.isBlank()).findFirst();
        return WorkspaceId.of(team, Optional.ofNullable(enterpriseId), enterpriseInstall);
    }
}
