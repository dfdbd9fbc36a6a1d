package io.taskbridge.approval;

import java.util.Optional;

/**
 * A Slack user group named as approvers ({@code <!subteam^S123|@finance>}): its members become the
 * step's participants when the step starts ({@code expanded} says whether that happened).
 */
public record ApprovalGroup(String id, String handle, boolean expanded) {

    /** A group as named, before its step starts. */
    public static ApprovalGroup named(String id, String handle) {
        return new ApprovalGroup(id, handle, false);
    }

    /** The handle without its {@code @}, or the id when Slack sent none. */
    public String name() {
        return Optional.of(handle.startsWith("@") ? handle.substring(1) : handle).filter(h -> !h.isEmpty()).orElse(id);
    }
}
