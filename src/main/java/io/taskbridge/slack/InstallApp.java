package io.taskbridge.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.response.Response;
import io.taskbridge.platform.Secret;
import io.taskbridge.workspace.Installations;
import io.taskbridge.workspace.OAuthStates;
import java.time.Clock;
import java.util.ArrayList;

/**
 * The Bolt app of multi-workspace mode: Bolt's OAuth flow ("Add to Slack") on our store, and no
 * single bot token. Requests are not authorized by Bolt: over HTTP our signature check has run, and
 * each listener scopes its work by the payload's workspace and posts with that workspace's token.
 */
public final class InstallApp {
    /**
     * The bot scopes "Add to Slack" asks for: those of manifests/slack-app-distributed.yaml
     * (InstallScopesTest holds the two equal), so an install can do all a manifest-made app can.
     */
    static final String SCOPES = "commands,chat:write,chat:write.public,users:read,users:read.email,usergroups:read,"
            + "im:write,channels:history,groups:history,im:history,channels:join,channels:read,groups:read,im:read,"
            + "mpim:read,links:read,links:write";

    private InstallApp() {}

    public static App build(java.util.Optional<Secret> signingSecret, OAuthClient oauth, Slack client,
                            Installations installations, OAuthStates states, Clock clock) {
        InstallPages pages = new InstallPages();
        AppConfig config = AppConfig.builder()
                .signingSecret(signingSecret.map(Secret::value).orElse(null))
                .clientId(oauth.clientId())
                .clientSecret(oauth.clientSecret().value())
                .scope(SCOPES)
                .userScope("")
                .redirectUri(oauth.redirectUri().toString())
                .oauthInstallPath("install")
                .oauthRedirectUriPath("oauth_redirect")
                .oAuthInstallPageRenderingEnabled(true)
                .oAuthInstallPageRenderer(pages)
                .oAuthRedirectUriPageRenderer(pages)
                .slack(client)
                .requestVerificationEnabled(false)
                .unmatchedRequestHandler(request -> Response.ok())
                .build();
        // Bolt adds the middleware it needs for OAuth, and ours (metrics) when it starts: the list must grow.
        App app = new App(config, client, new ArrayList<>());
        app.service(new BoltOAuthStates(states));
        app.service(new BoltInstallations(installations, clock));
        app.asOAuthApp(true);
        new UninstallEvents(installations).register(app);
        return app;
    }
}
