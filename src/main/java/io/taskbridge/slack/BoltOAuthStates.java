package io.taskbridge.slack;

import com.slack.api.bolt.service.OAuthStateService;
import io.taskbridge.workspace.OAuthStates;

/**
 * Bolt's {@link OAuthStateService} on our store ({@link OAuthStates}): a state is issued with a
 * cookie that binds it to the browser that began the install (Bolt's own check), is valid for ten
 * minutes, and is used once: the look-up itself deletes it, so two callbacks with one state cannot
 * both pass.
 */
final class BoltOAuthStates implements OAuthStateService {
    private final OAuthStates states;

    BoltOAuthStates(OAuthStates states) {
        this.states = states;
    }

    @Override
    public long getExpirationInSeconds() {
        return OAuthStates.TTL.toSeconds();
    }

    @Override
    public void addNewStateToDatastore(String state) {
        states.add(state);
    }

    @Override
    public boolean isAvailableInDatabase(String state) {
        return states.use(state);
    }

    @Override
    public void deleteStateFromDatastore(String state) {
        // Already gone: isAvailableInDatabase used it up.
    }
}
