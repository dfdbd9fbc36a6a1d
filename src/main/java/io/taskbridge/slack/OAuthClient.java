package io.taskbridge.slack;

import io.taskbridge.platform.Secret;
import java.net.URI;
import java.util.Objects;

/** The app's OAuth client (multi-workspace mode): its id and secret, and where Slack sends installers back. */
public record OAuthClient(String clientId, Secret clientSecret, URI redirectUri) {
    public OAuthClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(redirectUri, "redirectUri");
    }
}
