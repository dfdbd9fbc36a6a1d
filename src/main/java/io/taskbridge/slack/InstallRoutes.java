package io.taskbridge.slack;

import com.slack.api.app_backend.oauth.payload.VerificationCodePayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.OAuthCallbackRequest;
import com.slack.api.bolt.request.builtin.OAuthStartRequest;
import com.slack.api.bolt.response.Response;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.taskbridge.platform.HttpServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * "Add to Slack" (multi-workspace mode): {@code GET /slack/install} issues a one-time state and shows
 * the Add to Slack page, {@code GET /slack/oauth_redirect} is where Slack sends the browser back. Bolt
 * runs both (its OAuth flow: the state check, {@code oauth.v2.access}, saving the installation).
 */
public record InstallRoutes(App app) implements HttpServer.Routes {
    public static final String INSTALL_PATH = "/slack/install";
    public static final String REDIRECT_PATH = "/slack/oauth_redirect";

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(INSTALL_PATH, ctx -> write(ctx, app.run(new OAuthStartRequest("", headers(ctx)))));
        routes.get(REDIRECT_PATH, ctx -> {
            Map<String, List<String>> query = ctx.queryParamMap();
            write(ctx, app.run(new OAuthCallbackRequest(query, "", VerificationCodePayload.from(query), headers(ctx))));
        });
    }

    private static RequestHeaders headers(Context ctx) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ctx.headerMap().forEach((name, value) -> headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
        return new RequestHeaders(headers);
    }

    private static void write(Context ctx, Response response) {
        ctx.status(response.getStatusCode());
        ctx.header("Cache-Control", "no-store");
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, values) -> values.forEach(v -> ctx.res().addHeader(name, v)));
        }
        String body = response.getBody();
        if (body != null && !body.isEmpty()) {
            String type = response.getContentType() == null ? "text/html" : response.getContentType();
            ctx.contentType(type.contains("charset") ? type : type + "; charset=utf-8");
            ctx.result(body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
