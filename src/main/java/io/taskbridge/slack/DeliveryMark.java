package io.taskbridge.slack;

import com.slack.api.model.Message;
import java.util.Map;

/**
 * What a message posted for an outbox row carries as Slack message metadata, so that a later try
 * of the same row can find it: {@code {"event_type":"taskbridge_outbox","event_payload":{"row":"42",
 * "queued":"1763900000123"}}}. The row's queue time (epoch millis) next to its id keeps a message
 * from another database (a reset store, a second installation posting to the same channel) from
 * being taken for this row's.
 */
public record DeliveryMark(long row, long queuedAtMillis) {
    public static final String EVENT_TYPE = "taskbridge_outbox";

    Message.Metadata metadata() {
        return Message.Metadata.builder().eventType(EVENT_TYPE)
                .eventPayload(Map.of("row", Long.toString(row), "queued", Long.toString(queuedAtMillis))).build();
    }

    /** Whether {@code metadata} (as Slack returns it with {@code include_all_metadata}) is this mark. */
    boolean matches(Message.Metadata metadata) {
        if (metadata == null || !EVENT_TYPE.equals(metadata.getEventType()) || metadata.getEventPayload() == null) {
            return false;
        }
        Map<String, Object> payload = metadata.getEventPayload();
        return Long.toString(row).equals(String.valueOf(payload.get("row")))
                && Long.toString(queuedAtMillis).equals(String.valueOf(payload.get("queued")));
    }
}
