package io.taskbridge.workspace;

import java.util.HashMap;
import java.util.Map;

/** A Slack object with only the flags a test names: {@code "is_private=false is_im=true"}; unnamed flags are absent. */
final class SlackFlags {
    private SlackFlags() {}

    static Map<String, Object> of(String id, String flags) {
        Map<String, Object> object = new HashMap<>();
        object.put("id", id);
        for (String pair : flags.strip().split("\\s+")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                object.put(kv[0], Boolean.parseBoolean(kv[1]));
            }
        }
        return object;
    }
}
