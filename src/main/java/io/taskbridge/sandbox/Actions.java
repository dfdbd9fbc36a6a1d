package io.taskbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person does on the page, turned into the requests Slack would send (a slash command
 * form, a {@code block_actions} or {@code view_submission} payload), sent signed through the
 * service's {@code /slack/events}, and the service's ack applied as Slack applies it.
 */
final class Actions {
    private static final Pattern MENTION = Pattern.compile("(?<![<\\w])@([A-Za-z][\\w.-]*)");
    private static final Pattern CHANNEL = Pattern.compile("(?<![<\\w])#([a-z0-9][\\w-]*)");

    /** What the page is told after an action: {@code errors} are a modal's inline errors by block_id. */
    record Outcome(boolean ok, Optional<String> problem, Map<String, String> errors) {
        static Outcome fine() {
            return new Outcome(true, Optional.empty(), Map.of());
        }

        static Outcome failed(String problem) {
            return new Outcome(false, Optional.of(problem), Map.of());
        }
    }

    private final ObjectMapper json;
    private final Conversations conversations;
    private final Interactions interactions;
    private final SignedRequests service;
    private final StandInApi api;

    Actions(ObjectMapper json, Conversations conversations, Interactions interactions, SignedRequests service,
            StandInApi api) {
        this.json = json;
        this.conversations = conversations;
        this.interactions = interactions;
        this.service = service;
        this.api = api;
    }

    /** {@code /task <text>} typed by {@code user} in {@code channel}. */
    Outcome command(Workspace.Person user, Workspace.Channel channel, String text) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "sandbox-verification-token");
        form.put("team_id", Workspace.TEAM_ID);
        form.put("team_domain", Workspace.TEAM_DOMAIN);
        form.put("channel_id", channel.id());
        form.put("channel_name", channel.commandName());
        form.put("user_id", user.id());
        form.put("user_name", user.handle());
        form.put("command", "/task");
        form.put("text", escape(text));
        form.put("api_app_id", Workspace.APP_ID);
        form.put("is_enterprise_install", "false");
        form.put("response_url", api.responseUrl(interactions.reply(new Interactions.Reply(user.id(), channel.id(),
                Optional.empty()))));
        form.put("trigger_id", interactions.trigger(user.id()));
        SignedRequests.Answer answer = service.command(form);
        if (answer.status() != 200) {
            return refused(answer);
        }
        showAck(answer.body(), user.id(), channel.id());
        return Outcome.fine();
    }

    /**
     * Slack's escaping for a command whose {@code should_escape} is on: {@code @avery} becomes
     * {@code <@U01AVERY|avery>} and {@code #general} {@code <#C01GENERAL|general>}; other words stay.
     */
    static String escape(String text) {
        StringBuilder people = new StringBuilder();
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            String handle = m.group(1).toLowerCase(java.util.Locale.ROOT);
            Optional<Workspace.Person> p = Workspace.PEOPLE.stream()
                    .filter(x -> x.handle().equals(handle) || x.name().toLowerCase(java.util.Locale.ROOT).startsWith(handle + " "))
                    .findFirst();
            m.appendReplacement(people, Matcher.quoteReplacement(
                    p.map(x -> "<@" + x.id() + "|" + x.handle() + ">").orElse(m.group())));
        }
        m.appendTail(people);
        StringBuilder channels = new StringBuilder();
        Matcher c = CHANNEL.matcher(people);
        while (c.find()) {
            Optional<Workspace.Channel> ch = Workspace.CHANNELS.stream().filter(x -> x.name().equals(c.group(1))).findFirst();
            c.appendReplacement(channels, Matcher.quoteReplacement(
                    ch.map(x -> "<#" + x.id() + "|" + x.name() + ">").orElse(c.group())));
        }
        c.appendTail(channels);
        return channels.toString();
    }

    /** A slash command's ack with text or blocks is shown to its sender only, unless it says in_channel. */
    private void showAck(String body, String user, String channel) {
        if (body == null || body.isBlank()) {
            return;
        }
        JsonNode ack = tree(body);
        String text = ack.isObject() ? ack.path("text").asText("") : body;
        JsonNode blocks = ack.path("blocks").isArray() ? ack.get("blocks") : json.createArrayNode();
        if (text.isEmpty() && blocks.isEmpty()) {
            return;
        }
        boolean inChannel = "in_channel".equals(ack.path("response_type").asText());
        conversations.post(channel, Optional.empty(), Workspace.BOT_USER, text, blocks,
                inChannel ? Optional.empty() : Optional.of(user), Optional.empty());
    }

    /** A click (or a choice in a select) on a message's {@code action}, built by the page as Slack shapes it. */
    Outcome messageAction(Workspace.Person user, Workspace.Channel channel, String messageTs, JsonNode action) {
        Optional<Conversations.Message> message = conversations.message(channel.id(), messageTs);
        if (message.isEmpty()) {
            return Outcome.failed("That message is gone.");
        }
        Conversations.Message m = message.get();
        ObjectNode payload = base("block_actions", user);
        ObjectNode container = payload.putObject("container");
        container.put("type", "message").put("message_ts", m.ts()).put("channel_id", channel.id())
                .put("is_ephemeral", m.onlyFor().isPresent());
        payload.putObject("channel").put("id", channel.id()).put("name", channel.kind() == Workspace.Kind.IM
                ? "directmessage" : channel.name());
        ObjectNode msg = payload.putObject("message");
        msg.put("type", "message").put("ts", m.ts()).put("text", m.text()).put("user", m.user())
                .put("bot_id", Workspace.BOT_ID);
        msg.set("blocks", m.blocks());
        m.threadTs().ifPresent(t -> msg.put("thread_ts", t));
        payload.put("response_url", api.responseUrl(interactions.reply(
                new Interactions.Reply(user.id(), channel.id(), Optional.of(m.ts())))));
        payload.putArray("actions").add(stamped(action));
        return sendAction(payload);
    }

    /** A click in a modal or on the App Home tab. */
    Outcome viewAction(Workspace.Person user, JsonNode view, String viewId, JsonNode action) {
        ObjectNode payload = base("block_actions", user);
        payload.putObject("container").put("type", "view").put("view_id", viewId);
        ObjectNode shown = view.deepCopy();
        shown.put("id", viewId).put("team_id", Workspace.TEAM_ID);
        payload.set("view", shown);
        payload.putArray("actions").add(stamped(action));
        return sendAction(payload);
    }

    private Outcome sendAction(ObjectNode payload) {
        SignedRequests.Answer answer = service.interaction(payload.toString());
        return answer.status() == 200 ? Outcome.fine() : refused(answer);
    }

    /** Submits {@code user}'s open modal {@code viewId} with these {@code state.values}. */
    Outcome submit(Workspace.Person user, String viewId, JsonNode values) {
        Optional<Conversations.OpenView> open = conversations.view(viewId).filter(v -> v.user().equals(user.id()));
        if (open.isEmpty()) {
            return Outcome.failed("That form is closed.");
        }
        ObjectNode payload = base("view_submission", user);
        ObjectNode view = open.get().view().deepCopy();
        view.put("id", viewId).put("team_id", Workspace.TEAM_ID).put("app_id", Workspace.APP_ID)
                .put("bot_id", Workspace.BOT_ID).put("hash", "h" + open.get().view().hashCode());
        view.putObject("state").set("values", values.isObject() ? values : json.createObjectNode());
        payload.set("view", view);
        payload.putArray("response_urls");
        SignedRequests.Answer answer = service.interaction(payload.toString());
        if (answer.status() != 200) {
            return refused(answer);
        }
        JsonNode ack = answer.body() == null || answer.body().isBlank() ? json.createObjectNode() : tree(answer.body());
        switch (ack.path("response_action").asText("")) {
            case "errors" -> {
                Map<String, String> errors = new LinkedHashMap<>();
                ack.path("errors").fields().forEachRemaining(e -> errors.put(e.getKey(), e.getValue().asText()));
                return new Outcome(false, Optional.empty(), errors);
            }
            case "update" -> conversations.replace(viewId, ack.path("view"));
            case "push" -> conversations.open(user.id(), ack.path("view"), true);
            case "clear" -> conversations.close(viewId, true);
            default -> conversations.close(viewId, false);
        }
        return Outcome.fine();
    }

    /** Cancel: the modal goes away (nothing asked to be told of it: no view_closed is sent). */
    void close(Workspace.Person user, String viewId) {
        conversations.view(viewId).filter(v -> v.user().equals(user.id()))
                .ifPresent(v -> conversations.close(viewId, false));
    }

    private ObjectNode base(String type, Workspace.Person user) {
        ObjectNode payload = json.createObjectNode();
        payload.put("type", type);
        payload.putObject("user").put("id", user.id()).put("username", user.handle()).put("name", user.handle())
                .put("team_id", Workspace.TEAM_ID);
        payload.put("api_app_id", Workspace.APP_ID);
        payload.put("token", "sandbox-verification-token");
        payload.putObject("team").put("id", Workspace.TEAM_ID).put("domain", Workspace.TEAM_DOMAIN);
        payload.put("trigger_id", interactions.trigger(user.id()));
        payload.put("is_enterprise_install", false);
        return payload;
    }

    private JsonNode stamped(JsonNode action) {
        ObjectNode a = action.isObject() ? ((ObjectNode) action).deepCopy() : json.createObjectNode();
        a.put("action_ts", conversations.nextTs());
        return a;
    }

    private static Outcome refused(SignedRequests.Answer answer) {
        return Outcome.failed("Taskbridge answered " + answer.status()
                + (answer.status() == 401 ? " (the signature was refused)" : ""));
    }

    private JsonNode tree(String raw) {
        try {
            return json.readTree(raw);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return json.getNodeFactory().textNode(raw);
        }
    }
}
