package io.taskbridge.slack;

import io.taskbridge.platform.WorkspaceId;

/**
 * Who asked, from where: the Slack ids a command or click arrives with, and the workspace it is for
 * (the team, or the enterprise of an org-wide installation; see {@link PayloadWorkspace}).
 */
public record Caller(String userId, String teamId, String channelId, WorkspaceId workspace) {}
