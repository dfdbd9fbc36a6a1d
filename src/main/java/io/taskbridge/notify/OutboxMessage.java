package io.taskbridge.notify;

/**
 * Everything Taskbridge sends out, as rows that wait in the outbox until delivered. Each kind
 * names itself; its fields are the row's JSON payload.
 */
public sealed interface OutboxMessage {

    /** The row's {@code kind} column. */
    String kind();

    /** Post the task's channel message, or update it in place if it was posted already. */
    record TaskMessage(long taskId) implements OutboxMessage {
        static final String KIND = "task_message";

        @Override
        public String kind() {
            return KIND;
        }
    }

    static Class<? extends OutboxMessage> type(String kind) {
        return switch (kind) {
            case TaskMessage.KIND -> TaskMessage.class;
            default -> throw new IllegalArgumentException("unknown outbox kind " + kind);
        };
    }
}
