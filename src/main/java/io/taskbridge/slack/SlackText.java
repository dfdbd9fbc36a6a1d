package io.taskbridge.slack;

import java.util.Optional;
import io.taskbridge.task.SlackUserId;

/**
 * Text that goes into Slack's mrkdwn. Everything a person typed (titles, descriptions, tags, names
 * from other systems) passes through {@link #escape} or {@link #escape(String, int)} before it is
 * put next to our own markup, so it can't turn into a mention, a broadcast or a link.
 */
public final class SlackText {
    /** Slack's limit for a section block's text and for a message's notification text. */
    public static final int SECTION_MAX = 3000;

    private static final String ELLIPSIS = "…";

    private SlackText() {}

    /** {@code &}, {@code <} and {@code >} as Slack's entities; everything else as it is. */
    public static String escape(String raw) {
        return escape(raw, Integer.MAX_VALUE);
    }

    /**
     * Escapes {@code raw} and cuts it so the escaped text is at most {@code max} characters,
     * ending with "…" when something was cut. It never cuts inside an entity or a surrogate pair.
     */
    public static String escape(String raw, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive");
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length() + 16, 4096));
        int i = 0;
        while (i < raw.length()) {
            int cp = raw.codePointAt(i);
            String piece = switch (cp) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> new String(Character.toChars(cp));
            };
            int next = i + Character.charCount(cp);
            boolean last = next >= raw.length();
            int room = last ? max : max - ELLIPSIS.length();
            if (out.length() + piece.length() > room) {
                return out.append(ELLIPSIS).toString();
            }
            out.append(piece);
            i = next;
        }
        return out.toString();
    }

    /**
     * A user as mrkdwn: a mention ({@code <@U123>}) for a Slack user id, the escaped text for
     * anything else (an id from another task system), "Unassigned" when there is nobody.
     */
    public static String person(Optional<String> userId) {
        return userId.map(id -> isUserId(id) ? "<@" + id + ">" : escape(id)).orElse("Unassigned");
    }

    /** Whether {@code id} looks like a Slack user id ({@code U…} or, on Enterprise Grid, {@code W…}). */
    public static boolean isUserId(String id) {
        return SlackUserId.matches(id);
    }
}
