package io.taskbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of Slack's Web API that {@link FakeSlack} enforces: the methods it knows and the parts
 * of Block Kit Taskbridge relies on (block and element types, text lengths, at most 50 blocks in a
 * message and 100 in a view, block ids unique within a message, action ids unique within a block).
 * Limits are Slack's
 * documented ones (api.slack.com/reference/block-kit), written here as literals on purpose: they
 * are Slack's, not ours.
 */
final class SlackRules {
    static final Set<String> KNOWN_METHODS = Set.of("auth.test", "chat.postMessage", "chat.update", "chat.delete",
            "chat.postEphemeral", "conversations.history", "conversations.replies", "conversations.join",
            "conversations.open", "conversations.info", "users.info", "views.open", "views.update", "views.push", "views.publish",
            "apps.connections.open", "usergroups.users.list");

    static final int MAX_MESSAGE_TEXT = 40_000;
    private static final Set<String> MESSAGE_BLOCKS = Set.of("section", "divider", "actions", "context", "header", "image",
            "rich_text");
    private static final Set<String> VIEW_BLOCKS = Set.of("section", "divider", "actions", "context", "header", "image",
            "rich_text", "input");
    private static final Set<String> INTERACTIVE = Set.of("button", "static_select", "users_select", "multi_users_select",
            "conversations_select", "channels_select", "datepicker", "timepicker", "plain_text_input", "number_input",
            "overflow", "checkboxes", "radio_buttons", "multi_static_select", "email_text_input", "url_text_input",
            "datetimepicker");

    private SlackRules() {
    }

    /** What Block Kit finds wrong with a message's blocks; empty when Slack would take them. */
    static List<String> messageProblems(JsonNode blocks) {
        return problems(blocks, 50, MESSAGE_BLOCKS);
    }

    /** What Slack finds wrong with a view (modal or home tab); empty when it would open it. */
    static List<String> viewProblems(JsonNode view) {
        List<String> out = new ArrayList<>();
        String type = view.path("type").asText();
        if (!type.equals("modal") && !type.equals("home")) {
            out.add("view type must be modal or home, was '" + type + "'");
        }
        if (type.equals("modal")) {
            plain(view.path("title"), 24, "title", out);
            if (view.has("submit")) {
                plain(view.path("submit"), 24, "submit", out);
            }
            if (view.has("close")) {
                plain(view.path("close"), 24, "close", out);
            }
        }
        if (view.path("private_metadata").asText().length() > 3000) {
            out.add("private_metadata over 3000 characters");
        }
        if (view.path("callback_id").asText().length() > 255) {
            out.add("callback_id over 255 characters");
        }
        out.addAll(problems(view.path("blocks"), 100, VIEW_BLOCKS));
        return out;
    }

    private static List<String> problems(JsonNode blocks, int maxBlocks, Set<String> types) {
        List<String> out = new ArrayList<>();
        if (!blocks.isArray()) {
            out.add("blocks must be an array");
            return out;
        }
        if (blocks.size() > maxBlocks) {
            out.add("more than " + maxBlocks + " blocks: " + blocks.size());
        }
        Set<String> blockIds = new HashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            // Block Kit: an action_id "should be unique among all other action_ids in the containing block".
            Set<String> actionIds = new HashSet<>();
            JsonNode block = blocks.get(i);
            String where = "block " + i;
            String type = block.path("type").asText();
            if (!types.contains(type)) {
                out.add(where + ": unknown block type '" + type + "'");
                continue;
            }
            if (block.has("block_id")) {
                String id = block.path("block_id").asText();
                if (id.isEmpty() || id.length() > 255) {
                    out.add(where + ": block_id empty or over 255 characters");
                }
                if (!blockIds.add(id)) {
                    out.add(where + ": block_id '" + id + "' repeated");
                }
            }
            switch (type) {
                case "section" -> {
                    if (!block.has("text") && !block.has("fields")) {
                        out.add(where + ": a section needs text or fields");
                    }
                    if (block.has("text")) {
                        text(block.path("text"), 3000, where + ".text", out);
                    }
                    JsonNode fields = block.path("fields");
                    if (fields.size() > 10) {
                        out.add(where + ": more than 10 fields");
                    }
                    fields.forEach(f -> text(f, 2000, where + ".fields", out));
                    if (block.has("accessory")) {
                        element(block.path("accessory"), where + ".accessory", actionIds, out);
                    }
                }
                case "header" -> plain(block.path("text"), 150, where + ".text", out);
                case "context" -> {
                    JsonNode elements = block.path("elements");
                    if (elements.isEmpty() || elements.size() > 10) {
                        out.add(where + ": a context needs 1 to 10 elements");
                    }
                    elements.forEach(e -> {
                        if (!e.path("type").asText().equals("image")) {
                            text(e, 3000, where + ".elements", out);
                        }
                    });
                }
                case "actions" -> {
                    JsonNode elements = block.path("elements");
                    if (elements.isEmpty() || elements.size() > 25) {
                        out.add(where + ": actions need 1 to 25 elements");
                    }
                    elements.forEach(e -> element(e, where + ".elements", actionIds, out));
                }
                case "input" -> {
                    plain(block.path("label"), 2000, where + ".label", out);
                    element(block.path("element"), where + ".element", actionIds, out);
                }
                default -> { }
            }
        }
        return out;
    }

    private static void element(JsonNode e, String where, Set<String> actionIds, List<String> out) {
        String type = e.path("type").asText();
        if (!INTERACTIVE.contains(type) && !type.equals("image")) {
            out.add(where + ": unknown element type '" + type + "'");
            return;
        }
        if (e.has("action_id")) {
            String id = e.path("action_id").asText();
            if (id.isEmpty() || id.length() > 255) {
                out.add(where + ": action_id empty or over 255 characters");
            }
            if (!actionIds.add(id)) {
                out.add(where + ": action_id '" + id + "' repeated in one block");
            }
        }
        if (type.equals("button")) {
            plain(e.path("text"), 75, where + ".text", out);
            if (e.path("value").asText().length() > 2000) {
                out.add(where + ": button value over 2000 characters");
            }
            if (e.has("style") && !e.path("style").asText().matches("primary|danger")) {
                out.add(where + ": button style must be primary or danger");
            }
        }
        if (e.has("placeholder")) {
            plain(e.path("placeholder"), 150, where + ".placeholder", out);
        }
        JsonNode options = e.path("options");
        if (options.size() > 100) {
            out.add(where + ": more than 100 options");
        }
        options.forEach(o -> plain(o.path("text"), 75, where + ".options", out));
    }

    private static void plain(JsonNode text, int max, String where, List<String> out) {
        if (!text.path("type").asText().equals("plain_text")) {
            out.add(where + ": must be plain_text");
        }
        text(text, max, where, out);
    }

    private static void text(JsonNode text, int max, String where, List<String> out) {
        String type = text.path("type").asText();
        if (!type.equals("plain_text") && !type.equals("mrkdwn")) {
            out.add(where + ": text type must be plain_text or mrkdwn, was '" + type + "'");
        }
        int length = text.path("text").asText().length();
        if (length == 0 || length > max) {
            out.add(where + ": text must be 1 to " + max + " characters, was " + length);
        }
    }

    /** The text a person sees in these blocks, one line per block or element, in order. */
    static String visibleText(JsonNode blocks) {
        List<String> lines = new ArrayList<>();
        for (JsonNode block : blocks) {
            if (block.has("text")) {
                lines.add(block.path("text").path("text").asText());
            }
            block.path("fields").forEach(f -> lines.add(f.path("text").asText()));
            block.path("elements").forEach(e -> {
                if (e.has("text")) {
                    lines.add(e.path("text").isTextual() ? e.path("text").asText() : e.path("text").path("text").asText());
                }
            });
            if (block.has("accessory") && block.path("accessory").has("text")) {
                lines.add(block.path("accessory").path("text").path("text").asText());
            }
        }
        return String.join("\n", lines);
    }

    /** The action ids of the interactive elements in these blocks, in order. */
    static List<String> actionIds(JsonNode blocks) {
        List<String> ids = new ArrayList<>();
        for (JsonNode block : blocks) {
            block.path("elements").forEach(e -> {
                if (e.has("action_id")) {
                    ids.add(e.path("action_id").asText());
                }
            });
            if (block.path("accessory").has("action_id")) {
                ids.add(block.path("accessory").path("action_id").asText());
            }
        }
        return ids;
    }
}
