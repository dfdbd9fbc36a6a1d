package io.taskbridge.workspace;

/** What a REST key does to one task: read it (GET, or include it in a list), change it (PATCH), delete it. */
public enum RestAction {
    READ,
    CHANGE,
    DELETE
}
