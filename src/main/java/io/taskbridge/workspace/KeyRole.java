package io.taskbridge.workspace;

/**
 * A REST key's role. {@code MEMBER}: public tasks and its principal's own; {@code MANAGER}: every
 * task of its workspace, may post to channels; {@code ADMIN}: also manages keys.
 */
public enum KeyRole {
    MEMBER,
    MANAGER,
    ADMIN
}
