package io.taskbridge.workspace;

import java.util.Map;

/**
 * What kind of Slack conversation a task lives in. Only {@link #PUBLIC} is visible to the whole
 * workspace; the others only from inside and to the task's participants and admins.
 */
public enum ConversationKind {
    PUBLIC,
    PRIVATE,
    DM,
    GROUP_DM;

    public boolean isPublic() {
        return this == PUBLIC;
    }

    /**
     * The kind a slash command's payload tells: {@code channel_name} is {@code privategroup} for a
     * private channel, {@code directmessage} for a DM and {@code mpdm} (older clients:
     * {@code mpdm-alice--bob-1}) for a group DM; a {@code D…} channel id is always a DM. Anything
     * else reads as public. A public channel may be named anything, {@code privategroup} included:
     * such a name reads as private, which only hides more (never less), and
     * {@link #fromConversationInfo} is the authority when it matters.
     */
    public static ConversationKind fromSlashCommand(String channelId, String channelName) {
        String name = channelName == null ? "" : channelName;
        if (name.equals("directmessage") || (channelId != null && channelId.startsWith("D"))) {
            return DM;
        }
        if (name.equals("mpdm") || name.startsWith("mpdm-")) {
            return GROUP_DM;
        }
        if (name.equals("privategroup")) {
            return PRIVATE;
        }
        return PUBLIC;
    }

    /**
     * The kind a {@code conversations.info} answer's {@code channel} object tells, from its
     * {@code is_im}, {@code is_mpim} and {@code is_private} flags. An object that says neither
     * {@code is_private: false} nor that it is a DM reads as private: an answer that does not say a
     * conversation is public never makes its tasks public.
     */
    public static ConversationKind fromConversationInfo(Map<String, ?> channel) {
        if (flag(channel, "is_im")) {
            return DM;
        }
        if (flag(channel, "is_mpim")) {
            return GROUP_DM;
        }
        if (Boolean.FALSE.equals(channel.get("is_private"))) {
            return PUBLIC;
        }
        return PRIVATE;
    }

    private static boolean flag(Map<String, ?> channel, String name) {
        return Boolean.TRUE.equals(channel.get(name));
    }
}
