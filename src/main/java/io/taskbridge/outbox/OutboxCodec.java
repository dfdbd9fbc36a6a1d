package io.taskbridge.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns outbox messages into their stored JSON payload and back. */
public final class OutboxCodec {
    private final ObjectMapper json;

    public OutboxCodec(ObjectMapper json) {
        this.json = json;
    }

    String write(OutboxMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + message.kind(), e);
        }
    }

    OutboxMessage read(String kind, String payload) {
        try {
            return json.readValue(payload, OutboxMessage.type(kind));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable outbox payload of kind " + kind, e);
        }
    }
}
