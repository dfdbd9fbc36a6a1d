package io.taskbridge.slack;

/** Who asked, from where: the Slack ids a command or click arrives with. */
public record Caller(String userId, String teamId, String channelId) {}
