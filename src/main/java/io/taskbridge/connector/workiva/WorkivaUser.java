package io.taskbridge.connector.workiva;

/**
 * A user as Workiva's task API names one in assignees and approval-step participants: {@code
 * {"id": …, "type": "USER"}}. A record, so the JSON is written in this order every time.
 */
record WorkivaUser(String id, String type) {

    static WorkivaUser of(String id) {
        return new WorkivaUser(id, "USER");
    }
}
