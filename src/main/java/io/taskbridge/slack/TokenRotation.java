package io.taskbridge.slack;

import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.oauth.OAuthV2AccessResponse;
import io.taskbridge.platform.Secret;
import io.taskbridge.workspace.Installation;
import io.taskbridge.workspace.Installations;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's rotating tokens last 12 hours. Each installation whose bot token expires within
 * {@link #AHEAD} is refreshed ({@code oauth.v2.access} with {@code grant_type=refresh_token}), by one
 * instance only: it claims the row first ({@link Installations#claimRefresh}); the others skip it and
 * read the new token from the store on their next call.
 */
public final class TokenRotation {
    private static final Logger log = LoggerFactory.getLogger(TokenRotation.class);
    /** How long before expiry a token is refreshed: several ticks' worth, so a missed tick costs nothing. */
    public static final Duration AHEAD = Duration.ofHours(2);

    private final Slack slack;
    private final OAuthClient oauth;
    private final Installations installations;
    private final Clock clock;

    public TokenRotation(Slack slack, OAuthClient oauth, Installations installations, Clock clock) {
        this.slack = slack;
        this.oauth = oauth;
        this.installations = installations;
        this.clock = clock;
    }

    /** Refreshes what is due; gives how many tokens this instance refreshed. */
    public int refreshDue() {
        int refreshed = 0;
        for (Installation seen : installations.expiringBefore(clock.instant().plus(AHEAD))) {
            Optional<Installation> claimed = installations.claimRefresh(seen);
            if (claimed.isPresent() && refresh(claimed.get())) {
                refreshed++;
            }
        }
        return refreshed;
    }

    private boolean refresh(Installation i) {
        OAuthV2AccessResponse r;
        try {
            r = slack.methods().oauthV2Access(b -> b.clientId(oauth.clientId()).clientSecret(oauth.clientSecret().value())
                    .grantType("refresh_token").refreshToken(i.botRefreshToken().map(Secret::value).orElse(null)));
        } catch (IOException | SlackApiException e) {
            log.warn("token refresh for workspace {} failed ({}); the next tick tries again", i.workspace(),
                    e.getClass().getSimpleName());
            return false;
        }
        if (!r.isOk() || r.getAccessToken() == null || r.getRefreshToken() == null || r.getExpiresIn() == null) {
            log.warn("token refresh for workspace {} refused: {}", i.workspace(), r.getError());
            return false;
        }
        Instant expires = clock.instant().plusSeconds(r.getExpiresIn());
        boolean stored = installations.rotated(i, new Secret(r.getAccessToken()), new Secret(r.getRefreshToken()), expires);
        if (stored) {
            log.info("refreshed the bot token of workspace {} (valid until {})", i.workspace(), expires);
        }
        return stored;
    }
}
