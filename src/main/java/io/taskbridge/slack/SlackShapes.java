package io.taskbridge.slack;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The shapes of signed Slack bodies that Bolt's parser cannot take, read before Bolt sees them:
 * anything but a JSON object, an {@code event_callback} without {@code event}, a {@code payload=}
 * that is not a JSON object with a {@code type}, and Slack's {@code app_rate_limited} notice (a
 * top-level type with no event). Each is answered 200 and not passed on.
 */
final class SlackShapes {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why a body is answered without Bolt, or what Bolt is given. */
    sealed interface Verdict {
        record Pass() implements Verdict {}
        /** A {@code block_actions} interaction for Bolt, with its payload's JSON already decoded. */
        record BlockActions(String payload) implements Verdict {}
        /** A slash command for Bolt, its form already read ({@link SlackForm}). */
        record Command(SlashCommandPayload payload) implements Verdict {}
        record Ignore(String why) implements Verdict {}
        record RateLimited(String team, String minute) implements Verdict {}
    }

    private SlackShapes() {}

    static Verdict read(String body) {
        String trimmed = body.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            return json(trimmed);
        }
        // Bolt's reading decides what Bolt is handed; a form it fails to decode stays Bolt's to refuse.
        Optional<SlackForm> form = SlackForm.read(body);
        Optional<String> payload = form.flatMap(f -> f.first("payload"));
        if (payload.isEmpty()) {
            if (mentionsPayload(trimmed)) {
                // a payload field Bolt does not count (empty, or with a raw '='): nothing Bolt could read
                return new Verdict.Ignore("an interaction payload that is not a JSON object with a type");
            }
            return form.flatMap(SlackForm::command).<Verdict>map(Verdict.Command::new).orElseGet(Verdict.Pass::new);
        }
        Optional<String> type = typeOf(payload.get());
        if (type.isEmpty()) {
            return new Verdict.Ignore("an interaction payload that is not a JSON object with a type");
        }
        return type.get().equals("block_actions") ? new Verdict.BlockActions(payload.get()) : new Verdict.Pass();
    }

    /**
     * The text {@code type} of a JSON object (the last, if it has several), read as a stream: empty
     * when the text is not a JSON object, has no {@code type}, or its last one is not text. Every
     * click's payload comes here before Bolt parses it again, so no tree is built for one field.
     */
    static Optional<String> typeOf(String text) {
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            String type = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("type")) {
                    type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return Optional.ofNullable(type); // the object closed: a broken one threw on the way
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Verdict json(String body) {
        Optional<JsonNode> node = object(body);
        if (node.isEmpty()) {
            return new Verdict.Ignore("a JSON body that is not an object");
        }
        String type = node.get().path("type").asText("");
        if (type.equals("app_rate_limited")) {
            return new Verdict.RateLimited(node.get().path("team_id").asText("?"),
                    node.get().path("minute_rate_limited").asText("?"));
        }
        if (type.equals("event_callback") && !node.get().path("event").isObject()) {
            return new Verdict.Ignore("an event_callback without an event");
        }
        if (type.isEmpty()) {
            return new Verdict.Ignore("a JSON body without a type");
        }
        return new Verdict.Pass();
    }

    /** Any field named {@code payload}, however Bolt would count it. */
    private static boolean mentionsPayload(String form) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            try {
                if (URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8).strip().equals("payload")) {
                    return true;
                }
            } catch (IllegalArgumentException undecodable) {
                // not this one
            }
        }
        return false;
    }

    private static Optional<JsonNode> object(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
