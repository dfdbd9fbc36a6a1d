package io.taskbridge.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The {@code /try} sandbox: a Slack-like page in the browser, backed by a workspace of its own.
 * The page's actions reach the service as Slack's requests would, signed with the sandbox's own
 * secret and sent to the service's {@code /slack/events}; the service's Web API calls reach an
 * in-process stand-in ({@link #apiUrl}) that keeps messages, ephemerals, modals and App Home views
 * and pushes every change to the page. Start it, give the service {@link #signingSecret},
 * {@link #botToken} and {@link #apiUrl} as its Slack settings, add its routes to the service's
 * server, and tell it the server's port once the server listens.
 */
public final class Sandbox implements AutoCloseable {
    private final String signingSecret;
    private final String botToken;
    private final StandInApi api;
    private final SignedRequests service;
    private final TryPage page;

    private Sandbox(String signingSecret, String botToken, StandInApi api, SignedRequests service, TryPage page) {
        this.signingSecret = signingSecret;
        this.botToken = botToken;
        this.api = api;
        this.service = service;
        this.page = page;
    }

    /** Starts the stand-in Web API on a loopback port of its own; a fresh secret and token each time. */
    public static Sandbox start() {
        SecureRandom random = new SecureRandom();
        String secret = random(random);
        String token = "xoxb-sandbox-" + random(random);
        ObjectMapper json = new ObjectMapper();
        Conversations conversations = new Conversations();
        Interactions interactions = new Interactions();
        StandInApi api = new StandInApi(json, conversations, interactions);
        SignedRequests service = new SignedRequests(secret);
        Actions actions = new Actions(json, conversations, interactions, service, api);
        return new Sandbox(secret, token, api, service, new TryPage(json, conversations, actions));
    }

    private static String random(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The signing secret the service must check the sandbox's requests with. */
    public String signingSecret() {
        return signingSecret;
    }

    /** The bot token the service calls the stand-in Web API with (any value works there). */
    public String botToken() {
        return botToken;
    }

    /** The sandbox's own workspace (its team id). */
    public String teamId() {
        return Workspace.TEAM_ID;
    }

    /** The stand-in's Web API base URL, for the service's {@code SLACK_API_URL}. */
    public String apiUrl() {
        return api.apiUrl();
    }

    /** The page and what it calls, under {@code /try}. */
    public void addTo(RoutesConfig routes) {
        page.addTo(routes);
    }

    /** Where the service's {@code /slack/events} listens (on this machine). */
    public void serviceOn(int port) {
        service.serviceOn(port);
    }

    @Override
    public void close() {
        api.close();
    }
}
