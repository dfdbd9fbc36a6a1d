package io.taskbridge.access;

/**
 * The policy said no, and the asker may know why: its reason is the text to show (an ephemeral
 * reply in Slack, a 403's message over REST). Nothing was changed.
 */
public final class Refused extends RuntimeException {
    public Refused(String reason) {
        super(reason, null, false, false);
    }
}
