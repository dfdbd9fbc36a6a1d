package io.taskbridge.slack;

import java.util.Optional;

import com.slack.api.bolt.App;
import io.javalin.config.RoutesConfig;
import io.taskbridge.platform.HttpServer;

/**
 * Slack's listener set and the signature check that guards it, served at {@code POST /slack/events};
 * with a {@code side} workspace (the /try sandbox beside a real one), its requests too, each kept to
 * its own workspace.
 */
public record SlackRoute(App app, SlackSignature signature, Optional<SideSignature> side) implements HttpServer.Routes {
    /** Requests signed with {@code signature} are {@code workspace}'s only, and that workspace's requests are signed so. */
    public record SideSignature(String workspace, SlackSignature signature) {}

    public SlackRoute(App app, SlackSignature signature) {
        this(app, signature, Optional.empty());
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/slack/events", new SlackEndpoint(app, signature, side));
    }
}
