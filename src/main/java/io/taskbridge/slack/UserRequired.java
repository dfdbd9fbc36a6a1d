package io.taskbridge.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.GlobalShortcutRequest;
import com.slack.api.bolt.request.builtin.MessageShortcutRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command, click or form submission that names no user is answered 200 and ignored: every listener
 * asks the policy about a person, and without one there is nobody to ask about (Slack always names
 * one; a broken or forged payload may not). Installed like {@link SlackCounting}, ahead of the listeners.
 */
public final class UserRequired implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(UserRequired.class);

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (missingUser(req)) {
            log.info("{} without a user id ignored", req.getRequestType());
            return Response.ok();
        }
        return chain.next(req);
    }

    static boolean missingUser(Request<?> req) {
        if (req instanceof SlashCommandRequest command) {
            return blank(command.getPayload().getUserId());
        }
        if (req instanceof BlockActionRequest click) {
            return click.getPayload().getUser() == null || blank(click.getPayload().getUser().getId());
        }
        if (req instanceof ViewSubmissionRequest submission) {
            return submission.getPayload().getUser() == null || blank(submission.getPayload().getUser().getId());
        }
        if (req instanceof MessageShortcutRequest shortcut) {
            return shortcut.getPayload().getUser() == null || blank(shortcut.getPayload().getUser().getId());
        }
        if (req instanceof GlobalShortcutRequest shortcut) {
            return shortcut.getPayload().getUser() == null || blank(shortcut.getPayload().getUser().getId());
        }
        return false;
    }

    private static boolean blank(String id) {
        return id == null || id.isBlank();
    }
}
