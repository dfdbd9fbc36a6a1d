package io.taskbridge.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The page at {@code /try} and what it calls: its static files, the workspace as one person
 * sees it ({@code /try/state}), a server-sent event stream that says when that changed
 * ({@code /try/events}), and the actions ({@code /try/command}, {@code /try/action},
 * {@code /try/submit}, {@code /try/close}).
 */
final class TryPage {
    private static final Map<String, String> FILES = Map.of(
            "/try", "index.html", "/try/", "index.html", "/try/app.js", "app.js", "/try/app.css", "app.css");

    private final ObjectMapper json;
    private final Conversations conversations;
    private final Actions actions;

    TryPage(ObjectMapper json, Conversations conversations, Actions actions) {
        this.json = json;
        this.conversations = conversations;
        this.actions = actions;
    }

    void addTo(RoutesConfig routes) {
        FILES.forEach((path, file) -> {
            byte[] bytes = resource(file);
            String type = file.endsWith(".html") ? "text/html; charset=utf-8"
                    : file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
            routes.get(path, ctx -> ctx.contentType(type).header("Cache-Control", "no-cache").result(bytes));
        });
        routes.get("/try/workspace", ctx -> send(ctx, workspace()));
        routes.get("/try/state", ctx -> {
            Optional<Workspace.Person> as = Workspace.person(ctx.queryParam("as") == null ? "" : ctx.queryParam("as"));
            if (as.isEmpty()) {
                ctx.status(422);
                send(ctx, Map.of("ok", false, "error", "as must be one of the sandbox's people"));
                return;
            }
            send(ctx, conversations.snapshot(as.get().id()));
        });
        routes.get("/try/events", new SseHandler(this::stream));
        routes.post("/try/command", ctx -> act(ctx, (body, user) -> channel(body, user)
                .map(ch -> actions.command(user, ch, body.path("text").asText("")))
                .orElseGet(() -> Actions.Outcome.failed("You are not in that conversation."))));
        routes.post("/try/action", ctx -> act(ctx, (body, user) -> {
            if (body.hasNonNull("viewId")) {
                String viewId = body.get("viewId").asText();
                Optional<JsonNode> view = body.path("home").asBoolean(false) ? conversations.home(user.id())
                        : conversations.view(viewId).map(Conversations.OpenView::view);
                if (view.isEmpty()) {
                    return Actions.Outcome.failed("That view is closed.");
                }
                return actions.viewAction(user, view.get(), viewId, body.path("action"));
            }
            return channel(body, user)
                    .map(ch -> actions.messageAction(user, ch, body.path("ts").asText(""), body.path("action")))
                    .orElseGet(() -> Actions.Outcome.failed("You are not in that conversation."));
        }));
        routes.post("/try/submit", ctx -> act(ctx, (body, user) ->
                actions.submit(user, body.path("viewId").asText(""), body.path("values"))));
        routes.post("/try/close", ctx -> act(ctx, (body, user) -> {
            actions.close(user, body.path("viewId").asText(""));
            return Actions.Outcome.fine();
        }));
    }

    private interface Act {
        Actions.Outcome run(JsonNode body, Workspace.Person user);
    }

    private void act(Context ctx, Act act) throws JsonProcessingException {
        JsonNode body = json.readTree(ctx.body().isBlank() ? "{}" : ctx.body());
        Optional<Workspace.Person> user = Workspace.person(body.path("as").asText(""));
        if (user.isEmpty()) {
            ctx.status(422);
            send(ctx, Map.of("ok", false, "error", "as must be one of the sandbox's people"));
            return;
        }
        Actions.Outcome outcome = act.run(body, user.get());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", outcome.ok());
        outcome.problem().ifPresent(p -> answer.put("error", p));
        answer.put("errors", outcome.errors());
        send(ctx, answer);
    }

    private static Optional<Workspace.Channel> channel(JsonNode body, Workspace.Person user) {
        return Workspace.channel(body.path("channel").asText("")).filter(c -> c.visibleTo(user.id()));
    }

    private Map<String, Object> workspace() {
        List<Map<String, Object>> people = Workspace.PEOPLE.stream().map(p -> Map.<String, Object>of(
                "id", p.id(), "name", p.name(), "handle", p.handle(), "tz", p.tz(), "title", p.title(),
                "channels", Workspace.channelsOf(p.id()).stream().map(c -> Map.of("id", c.id(), "name", c.name(),
                        "kind", c.kind().name().toLowerCase(java.util.Locale.ROOT))).toList())).toList();
        return Map.of("team", Map.of("id", Workspace.TEAM_ID, "name", "Taskbridge sandbox"),
                "bot", Map.of("id", Workspace.BOT_USER, "name", "Taskbridge"), "people", people);
    }

    /** Tells the page the version whenever anything changes; the page then reads its state again. */
    private void stream(SseClient client) {
        client.keepAlive();
        Runnable listener = () -> {
            try {
                client.sendEvent("changed", Long.toString(conversations.version()));
            } catch (RuntimeException e) {
                client.close();
            }
        };
        conversations.onChange(listener);
        client.onClose(() -> conversations.removeListener(listener));
        listener.run();
    }

    private void send(Context ctx, Object body) throws JsonProcessingException {
        ctx.contentType("application/json; charset=utf-8").result(json.writeValueAsString(body));
    }

    private static byte[] resource(String file) {
        try (InputStream in = TryPage.class.getResourceAsStream("/sandbox/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the sandbox page is missing from the build: /sandbox/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
