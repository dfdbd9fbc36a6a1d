package io.taskbridge.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import io.taskbridge.command.CommandParser;
import io.taskbridge.platform.Metrics;

/**
 * A Bolt middleware that counts {@code /task} commands by subcommand and by how their ack went, and
 * button clicks by action id, around the listeners (which it does not change). Installed with
 * {@code app.use(new SlackCounting(metrics))} once the app has started (see {@code SlackModule}).
 */
public final class SlackCounting implements Middleware {
    private final Metrics metrics;

    public SlackCounting(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req instanceof SlashCommandRequest command) {
            String subcommand = CommandParser.subcommand(command.getPayload().getText());
            Response answered;
            try {
                answered = chain.next(req);
            } catch (Exception | Error e) {
                metrics.command(subcommand, "error");
                throw e;
            }
            metrics.command(subcommand, outcome(answered));
            return answered;
        }
        if (req instanceof BlockActionRequest click && click.getPayload().getActions() != null
                && !click.getPayload().getActions().isEmpty()) {
            metrics.click(click.getPayload().getActions().get(0).getActionId());
        }
        return chain.next(req);
    }

    /**
     * {@code ok}; {@code refused} (the ack explains what was wrong: usage, a rule); {@code busy} (the
     * work queue was full); {@code error} (no 200).
     */
    static String outcome(Response ack) {
        String body = ack.getBody() == null ? "" : ack.getBody();
        if (ack.getStatusCode() == null || ack.getStatusCode() != 200) {
            return "error";
        }
        if (body.contains(SlackApp.BUSY)) {
            return "busy";
        }
        return body.contains("\"text\":\":warning:") ? "refused" : "ok";
    }
}
