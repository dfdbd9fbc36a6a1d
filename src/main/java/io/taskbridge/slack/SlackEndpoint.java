package io.taskbridge.slack;

import io.taskbridge.platform.ErrorBodies;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jetbrains.annotations.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events}: checks the signature over the raw bytes, then hands the request to
 * Bolt (which routes commands, interactions and events to their listeners and acks) and writes
 * Bolt's response back. Slash commands, interactivity and the Events API all arrive here.
 */
final class SlackEndpoint implements Handler {
    private static final Logger log = LoggerFactory.getLogger(SlackEndpoint.class);

    private final App app;
    private final BoltRequests requests;
    private final SlackSignature signature;
    private final Optional<SlackRoute.SideSignature> side;

    SlackEndpoint(App app, SlackSignature signature, Optional<SlackRoute.SideSignature> side) {
        this.app = app;
        this.requests = new BoltRequests(app.config());
        this.signature = signature;
        this.side = side;
    }

    @Override
    public void handle(@NotNull Context ctx) throws Exception {
        byte[] body = ctx.bodyAsBytes();
        Optional<String> problem = signature.problem(ctx.header("X-Slack-Request-Timestamp"),
                ctx.header("X-Slack-Signature"), body);
        boolean bySide = false;
        if (problem.isPresent() && side.isPresent() && side.get().signature().problem(ctx.header("X-Slack-Request-Timestamp"),
                ctx.header("X-Slack-Signature"), body).isEmpty()) {
            problem = Optional.empty();
            bySide = true;
        }
        if (problem.isPresent()) {
            log.warn("refused a Slack request from {}: {}", ctx.ip(), problem.get());
            ErrorBodies.send(ctx, 401, "invalid_authentication", "The request's Slack signature is missing, stale or wrong.");
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        SlackShapes.Verdict verdict = SlackShapes.read(text);
        if (verdict instanceof SlackShapes.Verdict.RateLimited limited) {
            log.info("Slack held back events for workspace {} in minute {} (app_rate_limited)", limited.team(), limited.minute());
            ctx.status(200);
            return;
        }
        if (verdict instanceof SlackShapes.Verdict.Ignore ignore) {
            log.debug("ignored a signed Slack request: {}", ignore.why());
            ctx.status(200);
            return;
        }
        Request<?> request;
        try {
            request = requests.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(ctx.path())
                    .queryString(ctx.queryParamMap())
                    .headers(new RequestHeaders(headers(ctx)))
                    .requestBody(text)
                    .remoteAddress(ctx.ip())
                    .build(), verdict);
        } catch (RuntimeException e) {
            log.debug("ignored a signed Slack request Bolt could not read: {}", e.toString());
            ctx.status(200);
            return;
        }
        if (request == null || request.getContext() == null) {
            // a signed request of a kind Bolt does not know (Slack adds kinds): acknowledged, not acted on
            log.debug("ignored a signed Slack request of a kind Bolt does not know");
            ctx.status(200);
            return;
        }
        if (side.isPresent() && bySide != side.get().workspace().equals(request.getContext().getTeamId())) {
            // The side workspace's secret signs only its own requests, and only it signs them.
            log.warn("refused a Slack request from {}: signed for one workspace, about another", ctx.ip());
            ErrorBodies.send(ctx, 401, "invalid_authentication", "The request's Slack signature is missing, stale or wrong.");
            return;
        }
        write(ctx, app.run(request));
    }

    private static Map<String, List<String>> headers(Context ctx) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ctx.headerMap().forEach((name, value) -> headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
        return headers;
    }

    private static void write(Context ctx, Response response) {
        ctx.status(response.getStatusCode());
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, values) -> values.forEach(v -> ctx.header(name, v)));
        }
        String body = response.getBody();
        if (body != null && !body.isEmpty()) {
            String type = response.getContentType() == null ? "text/plain" : response.getContentType();
            ctx.contentType(type.contains("charset") ? type : type + "; charset=utf-8");
            ctx.result(body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
