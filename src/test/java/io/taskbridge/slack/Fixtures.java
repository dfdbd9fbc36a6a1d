package io.taskbridge.slack;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.util.json.GsonFactory;
import io.taskbridge.task.Priority;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tasks to render and Slack's own Gson to see what would go over the wire. */
final class Fixtures {
    static final Gson GSON = GsonFactory.createSnakeCase();
    static final Instant CREATED = Instant.parse("2026-11-20T09:00:00Z");
    static final Instant DUE = Instant.parse("2026-11-27T16:00:00Z");
    static final long DUE_EPOCH = 1_795_795_200L;
    static final io.taskbridge.platform.WorkspaceId WORKSPACE = new io.taskbridge.platform.WorkspaceId("T1");

    private Fixtures() {}

    static Task task(long id, String title, Status status) {
        return new Task(id, title, Optional.empty(), status, Priority.MEDIUM, Optional.empty(), "U0CREATOR",
                Optional.empty(), Optional.empty(), List.of(), CREATED, CREATED, Optional.empty(), 1, Fixtures.WORKSPACE);
    }

    static Task full(long id, Status status) {
        return new Task(id, "Review the Q3 report", Optional.of("Numbers from finance."), status, Priority.URGENT,
                Optional.of("U123ABC"), "U0CREATOR", Optional.of(DUE), Optional.of(Duration.ofHours(24)),
                List.of("finance", "q3"), CREATED, CREATED, Optional.empty(), 3, Fixtures.WORKSPACE);
    }

    static JsonElement json(Object o) {
        return JsonParser.parseString(GSON.toJson(o));
    }

    /** Every "text" string anywhere under {@code e}, in document order. */
    static List<String> texts(JsonElement e) {
        List<String> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(JsonElement e, List<String> out) {
        if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> collect(x, out));
        } else if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            o.entrySet().forEach(en -> {
                if (en.getKey().equals("text") && en.getValue().isJsonPrimitive()) {
                    out.add(en.getValue().getAsString());
                } else {
                    collect(en.getValue(), out);
                }
            });
        }
    }

    static JsonObject blockById(JsonArray blocks, String blockId) {
        for (JsonElement b : blocks) {
            JsonObject o = b.getAsJsonObject();
            if (o.has("block_id") && o.get("block_id").getAsString().equals(blockId)) {
                return o;
            }
        }
        throw new AssertionError("no block " + blockId + " in " + blocks);
    }

    static List<String> types(JsonArray blocks) {
        List<String> types = new ArrayList<>();
        blocks.forEach(b -> types.add(b.getAsJsonObject().get("type").getAsString()));
        return types;
    }
}
