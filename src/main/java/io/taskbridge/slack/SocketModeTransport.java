package io.taskbridge.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the Bolt {@link App} over Slack's Socket Mode instead of HTTP: Taskbridge dials out, so
 * a workspace can use it without a public URL. Bolt's {@link SocketModeApp} asks the Web API for a
 * WebSocket URL ({@code apps.connections.open} with the {@code xapp-} app token, through the
 * app's own {@code Slack} instance, so it goes to {@code SLACK_API_URL}), connects with Tyrus,
 * feeds each envelope to the same listeners the HTTP endpoint uses, and sends the ack back on the
 * socket. While running, Bolt's session monitor reconnects when the socket drops.
 *
 * <p><b>Which transport:</b> with both HTTP credentials ({@code SLACK_SIGNING_SECRET}) and an app
 * token set, Taskbridge serves {@code /slack/events} and does <em>not</em> open a socket. Slack
 * delivers an app's traffic over one transport at a time (Socket Mode on in the app settings
 * diverts everything to the socket), so running both would only hide a misconfiguration; HTTP is
 * the mode that was there first and the one a signing secret can only be meant for. The startup
 * log says which one was chosen.
 *
 * <p>Starting fails fast, with a message that names no token, when the app token is refused or
 * the Web API cannot be reached: those do not fix themselves. A socket that does not come up after
 * a URL was issued is logged and left to Bolt's reconnect.
 */
public final class SocketModeTransport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketModeTransport.class);

    private final SocketModeApp socketApp;
    private final boolean connected;

    private SocketModeTransport(SocketModeApp socketApp, boolean connected) {
        this.socketApp = socketApp;
        this.connected = connected;
    }

    /**
     * Opens the connection and returns once the WebSocket handshake is done (or has failed and
     * been handed to Bolt's reconnect). {@code app} must have been built with the {@code Slack}
     * instance whose methods endpoint is {@code SLACK_API_URL}.
     */
    public static SocketModeTransport start(App app, String appToken) {
        SocketModeApp socketApp;
        try {
            // This constructor is the one that wires envelopes to the app (it does no I/O yet);
            // envelopes are handled on the client's own processor threads, and our listeners ack at once.
            socketApp = new SocketModeApp(appToken, app);
        } catch (Exception e) {
            throw new IllegalStateException("Slack Socket Mode could not be set up (" + describe(e) + ")", e);
        }
        try {
            socketApp.startAsync();
        } catch (Exception e) {
            stop(socketApp);
            throw new IllegalStateException("Slack Socket Mode could not start (" + describe(e)
                    + "). Check SLACK_APP_TOKEN (an xapp- token with connections:write), SLACK_BOT_TOKEN"
                    + " and SLACK_API_URL.", e);
        }
        Optional<SocketModeClient> client = Optional.ofNullable(socketApp.getClient());
        if (client.isEmpty()) {
            stop(socketApp);
            throw new IllegalStateException("Slack Socket Mode could not start: apps.connections.open gave no"
                    + " WebSocket URL. Check SLACK_APP_TOKEN and SLACK_API_URL.");
        }
        return new SocketModeTransport(socketApp, client.get().verifyConnection());
    }

    /** Whether the WebSocket was open when {@link #start} returned. */
    public boolean connected() {
        return connected;
    }

    /** Stops reconnecting, closes the socket and Bolt's worker threads. */
    @Override
    public void close() {
        stop(socketApp);
    }

    private static void stop(SocketModeApp socketApp) {
        // SocketModeApp.close() disconnects but leaves the client's executors running; close the
        // client first so no session monitor reconnects while the app stops.
        SocketModeClient client = socketApp.getClient();
        try {
            if (client != null) {
                client.close();
            }
        } catch (Exception e) {
            log.warn("closing the Socket Mode client failed: {}", describe(e));
        }
        try {
            socketApp.close();
        } catch (Exception e) {
            log.warn("stopping the Socket Mode app failed: {}", describe(e));
        }
    }

    /** The exception chain's types and messages; Bolt's messages carry Slack error codes, never tokens. */
    private static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 400; t = t.getCause()) {
            if (out.length() > 0) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                out.append(": ").append(t.getMessage());
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "SocketModeTransport[connected=" + connected + "]";
    }
}
