package io.taskbridge.slack;

import com.slack.api.model.view.View;
import io.taskbridge.platform.WorkspaceId;
import java.util.Optional;

/**
 * The Web API client of each workspace: every call is made with the token of the workspace it is
 * for. In single-workspace mode that is the one bot token; in multi-workspace mode the installation's
 * (none for a workspace that never installed the app or has uninstalled it). A person is looked up in
 * the workspace they act in, never in whichever one they were last seen in.
 */
public abstract class SlackWebs {

    /** The client for {@code workspace}'s token; empty when it has none. */
    public abstract Optional<SlackWeb> of(WorkspaceId workspace);

    /** Opens {@code view} with {@code trigger} in {@code workspace}: not_installed when it has no token. */
    SlackResult<String> openView(WorkspaceId workspace, String trigger, View view) {
        return of(workspace).map(w -> w.openView(trigger, view)).orElseGet(() -> new SlackResult.Failed<>("not_installed", false));
    }

    /** The one client every workspace uses (single-workspace mode, and the /try sandbox). */
    public static SlackWebs single(SlackWeb web) {
        return new SlackWebs() {
            @Override
            public Optional<SlackWeb> of(WorkspaceId workspace) {
                return Optional.of(web);
            }
        };
    }

    /** Each workspace's installation token (multi-workspace mode). */
    public static SlackWebs installed(com.slack.api.Slack slack, io.taskbridge.workspace.Installations installations) {
        return new InstalledWebs(slack, installations);
    }

    /**
     * {@code main}'s clients, and beside them the client of one more workspace ({@code side}: the
     * /try sandbox beside a real workspace, with its own token on its own Web API), for its rows and
     * its people. Nothing of one reaches the other's Web API.
     */
    public static SlackWebs beside(SlackWebs main, WorkspaceId side, SlackWeb sideWeb) {
        return new SlackWebs() {
            @Override
            public Optional<SlackWeb> of(WorkspaceId workspace) {
                return workspace.equals(side) ? Optional.of(sideWeb) : main.of(workspace);
            }
        };
    }
}
