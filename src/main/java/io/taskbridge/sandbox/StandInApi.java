package io.taskbridge.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's Slack Web API: the methods Taskbridge calls, answered from {@link Conversations}
 * instead of a real workspace, plus the response_url endpoint. It listens on loopback only, on a
 * port of its own: the service's Slack client is built before the service's own port is known,
 * and nothing outside this machine can post as the "Slack" the sandbox trusts.
 */
final class StandInApi implements AutoCloseable {
    private final ObjectMapper json;
    private final Conversations conversations;
    private final Interactions interactions;
    private final Javalin server;

    StandInApi(ObjectMapper json, Conversations conversations, Interactions interactions) {
        this.json = json;
        this.conversations = conversations;
        this.interactions = interactions;
        this.server = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/api/{method}", this::method);
            cfg.routes.post("/response/{id}", this::respond);
        }).start("127.0.0.1", 0);
    }

    /** The Web API base, for {@code SLACK_API_URL}. */
    String apiUrl() {
        return "http://127.0.0.1:" + server.port() + "/api/";
    }

    String responseUrl(String id) {
        return "http://127.0.0.1:" + server.port() + "/response/" + id;
    }

    private void method(Context ctx) throws JsonProcessingException {
        Map<String, String> form = new LinkedHashMap<>();
        ctx.formParamMap().forEach((k, v) -> form.put(k, v.isEmpty() ? "" : v.get(0)));
        ctx.contentType("application/json; charset=utf-8").result(json.writeValueAsString(answer(ctx.pathParam("method"), form)));
    }

    private Map<String, Object> answer(String method, Map<String, String> form) throws JsonProcessingException {
        return switch (method) {
            case "auth.test" -> Map.of("ok", true, "url", "https://" + Workspace.TEAM_DOMAIN + ".slack.invalid/",
                    "team", "Taskbridge sandbox", "user", "taskbridge", "team_id", Workspace.TEAM_ID,
                    "user_id", Workspace.BOT_USER, "bot_id", Workspace.BOT_ID);
            case "chat.postMessage" -> postMessage(form);
            case "chat.postEphemeral" -> postEphemeral(form);
            case "chat.update" -> update(form);
            case "chat.delete" -> conversations.delete(channelOf(form.get("channel")), form.getOrDefault("ts", ""))
                    ? Map.of("ok", true) : error("message_not_found");
            case "conversations.open" -> openDm(form);
            case "conversations.join" -> Workspace.channel(form.getOrDefault("channel", "")).isPresent()
                    ? Map.of("ok", true, "channel", Map.of("id", form.get("channel"))) : error("channel_not_found");
            case "conversations.history", "conversations.replies" -> history(method, form);
            case "views.open", "views.push" -> openView(form, method.equals("views.push"));
            case "views.update" -> updateView(form);
            case "views.publish" -> publish(form);
            case "users.info" -> userInfo(form);
            default -> error("unknown_method");
        };
    }

    private static Map<String, Object> error(String code) {
        return Map.of("ok", false, "error", code);
    }

    /** A user id as channel means the bot's DM with them, as in Slack. */
    private static String channelOf(String raw) {
        String channel = raw == null ? "" : raw;
        return channel.startsWith("U") && Workspace.person(channel).isPresent() ? Workspace.dmWith(channel) : channel;
    }

    private JsonNode blocks(Map<String, String> form) throws JsonProcessingException {
        String raw = form.get("blocks");
        return raw == null || raw.isBlank() ? json.createArrayNode() : json.readTree(raw);
    }

    private Map<String, Object> postMessage(Map<String, String> form) throws JsonProcessingException {
        String channel = channelOf(form.get("channel"));
        if (Workspace.channel(channel).isEmpty()) {
            return error("channel_not_found");
        }
        Optional<String> thread = Optional.ofNullable(form.get("thread_ts")).filter(t -> !t.isBlank());
        Optional<JsonNode> metadata = Optional.ofNullable(form.get("metadata")).filter(m -> !m.isBlank())
                .map(this::tree);
        Conversations.Message m = conversations.post(channel, thread, Workspace.BOT_USER, form.getOrDefault("text", ""),
                blocks(form), Optional.empty(), metadata);
        return Map.of("ok", true, "channel", channel, "ts", m.ts(),
                "message", Map.of("type", "message", "ts", m.ts(), "text", m.text(), "bot_id", Workspace.BOT_ID));
    }

    private Map<String, Object> postEphemeral(Map<String, String> form) throws JsonProcessingException {
        String channel = channelOf(form.get("channel"));
        String user = form.getOrDefault("user", "");
        if (Workspace.channel(channel).isEmpty()) {
            return error("channel_not_found");
        }
        if (Workspace.person(user).isEmpty()) {
            return error("user_not_found");
        }
        Conversations.Message m = conversations.post(channel, Optional.empty(), Workspace.BOT_USER,
                form.getOrDefault("text", ""), blocks(form), Optional.of(user), Optional.empty());
        return Map.of("ok", true, "message_ts", m.ts());
    }

    private Map<String, Object> update(Map<String, String> form) throws JsonProcessingException {
        String channel = channelOf(form.get("channel"));
        String ts = form.getOrDefault("ts", "");
        return conversations.update(channel, ts, form.getOrDefault("text", ""), blocks(form))
                ? Map.of("ok", true, "channel", channel, "ts", ts) : error("message_not_found");
    }

    private Map<String, Object> openDm(Map<String, String> form) {
        String user = form.getOrDefault("users", "").split(",")[0].strip();
        return Workspace.person(user).isPresent()
                ? Map.of("ok", true, "channel", Map.of("id", Workspace.dmWith(user))) : error("user_not_found");
    }

    /** Messages after {@code oldest}, with their metadata when asked; one page, newest first for history. */
    private Map<String, Object> history(String method, Map<String, String> form) {
        String channel = channelOf(form.get("channel"));
        if (Workspace.channel(channel).isEmpty()) {
            return error("channel_not_found");
        }
        double oldest = Double.parseDouble(form.getOrDefault("oldest", "0").isBlank() ? "0" : form.get("oldest"));
        boolean withMetadata = List.of("true", "1").contains(form.getOrDefault("include_all_metadata", ""));
        String thread = form.get("ts");
        List<Map<String, Object>> found = new java.util.ArrayList<>();
        for (Conversations.Message m : conversations.shared(channel)) {
            boolean inPlace = method.equals("conversations.history") ? m.threadTs().isEmpty()
                    : m.ts().equals(thread) || m.threadTs().map(t -> t.equals(thread)).orElse(false);
            if (!inPlace || Double.parseDouble(m.ts()) <= oldest) {
                continue;
            }
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("type", "message");
            shown.put("ts", m.ts());
            shown.put("text", m.text());
            shown.put("bot_id", Workspace.BOT_ID);
            m.threadTs().ifPresent(t -> shown.put("thread_ts", t));
            if (withMetadata) {
                m.metadata().ifPresent(md -> shown.put("metadata", md));
            }
            found.add(shown);
        }
        if (method.equals("conversations.history")) {
            java.util.Collections.reverse(found);
        }
        return Map.of("ok", true, "messages", found, "has_more", false, "response_metadata", Map.of("next_cursor", ""));
    }

    private Map<String, Object> openView(Map<String, String> form, boolean push) throws JsonProcessingException {
        Optional<String> user = interactions.userOfTrigger(form.get("trigger_id"));
        if (user.isEmpty()) {
            return error("invalid_trigger_id");
        }
        Conversations.OpenView opened = conversations.open(user.get(), json.readTree(form.getOrDefault("view", "{}")), push);
        return Map.of("ok", true, "view", shown(opened));
    }

    private Map<String, Object> updateView(Map<String, String> form) throws JsonProcessingException {
        Optional<Conversations.OpenView> updated = conversations.replace(form.getOrDefault("view_id", ""),
                json.readTree(form.getOrDefault("view", "{}")));
        return updated.<Map<String, Object>>map(v -> Map.of("ok", true, "view", shown(v))).orElseGet(() -> error("not_found"));
    }

    private Map<String, Object> publish(Map<String, String> form) throws JsonProcessingException {
        String user = form.getOrDefault("user_id", "");
        if (Workspace.person(user).isEmpty()) {
            return error("user_not_found");
        }
        JsonNode view = json.readTree(form.getOrDefault("view", "{}"));
        conversations.publishHome(user, view);
        ObjectNode shown = view.deepCopy();
        shown.put("id", "VHOME" + user);
        return Map.of("ok", true, "view", shown);
    }

    private JsonNode shown(Conversations.OpenView view) {
        ObjectNode shown = view.view().isObject() ? ((ObjectNode) view.view()).deepCopy() : json.createObjectNode();
        shown.put("id", view.id());
        shown.put("team_id", Workspace.TEAM_ID);
        shown.put("app_id", Workspace.APP_ID);
        shown.put("bot_id", Workspace.BOT_ID);
        shown.put("hash", "h" + view.view().hashCode());
        return shown;
    }

    private Map<String, Object> userInfo(Map<String, String> form) {
        return Workspace.person(form.getOrDefault("user", "")).<Map<String, Object>>map(p -> {
            java.time.ZoneId zone = java.time.ZoneId.of(p.tz());
            int offset = zone.getRules().getOffset(java.time.Instant.now()).getTotalSeconds();
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("id", p.id());
            user.put("team_id", Workspace.TEAM_ID);
            user.put("name", p.handle());
            user.put("real_name", p.name());
            user.put("tz", p.tz());
            user.put("tz_label", zone.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH));
            user.put("tz_offset", offset);
            user.put("is_bot", false);
            user.put("profile", Map.of("real_name", p.name(), "display_name", p.handle(), "title", p.title(),
                    "email", p.handle() + "@sandbox.invalid"));
            return Map.of("ok", true, "user", user);
        }).orElseGet(() -> error("user_not_found"));
    }

    /** A response_url post: an ephemeral reply, a message in the channel, or a change to the clicked message. */
    private void respond(Context ctx) throws JsonProcessingException {
        Optional<Interactions.Reply> target = interactions.replyTo(ctx.pathParam("id"));
        if (target.isEmpty()) {
            ctx.status(404).result("no_such_response_url");
            return;
        }
        Interactions.Reply reply = target.get();
        JsonNode body = json.readTree(ctx.body());
        String text = body.path("text").asText("");
        JsonNode blocks = body.path("blocks").isArray() ? body.get("blocks") : json.createArrayNode();
        if (body.path("delete_original").asBoolean(false) && reply.messageTs().isPresent()) {
            conversations.delete(reply.channel(), reply.messageTs().get());
        } else if (body.path("replace_original").asBoolean(false) && reply.messageTs().isPresent()) {
            conversations.update(reply.channel(), reply.messageTs().get(), text, blocks);
        } else if ("in_channel".equals(body.path("response_type").asText())) {
            conversations.post(reply.channel(), Optional.empty(), Workspace.BOT_USER, text, blocks, Optional.empty(),
                    Optional.empty());
        } else {
            conversations.post(reply.channel(), Optional.empty(), Workspace.BOT_USER, text, blocks,
                    Optional.of(reply.user()), Optional.empty());
        }
        ctx.contentType("text/plain").result("ok");
    }

    private JsonNode tree(String raw) {
        try {
            return json.readTree(raw);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
