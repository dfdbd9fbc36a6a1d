package io.taskbridge.slack;

import com.slack.api.bolt.App;
import io.javalin.config.RoutesConfig;
import io.taskbridge.platform.HttpServer;

/** Slack's listener set and the signature check that guards it, served at {@code POST /slack/events}. */
public record SlackRoute(App app, SlackSignature signature) implements HttpServer.Routes {
    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/slack/events", new SlackEndpoint(app, signature));
    }
}
