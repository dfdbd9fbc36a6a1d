package io.taskbridge.task;

import java.util.regex.Pattern;

/**
 * Whether a person's id is a Slack user id ({@code U…} or, on Enterprise Grid, {@code W…}) rather
 * than an id from another task system: only those can be sent a DM or mentioned.
 */
public final class SlackUserId {
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");

    private SlackUserId() {}

    public static boolean matches(String id) {
        return USER_ID.matcher(id).matches();
    }
}
