package io.taskbridge.slack;

import io.taskbridge.platform.WorkspaceId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Web API client of each workspace: every call is made with the token of the workspace it is
 * for. In single-workspace mode that is the one bot token; in multi-workspace mode the installation's
 * (none for a workspace that never installed the app or has uninstalled it). Slack user ids are unique
 * across workspaces, so a person's look-ups (their time zone) go to the workspace they were last seen
 * in ({@link #seen}).
 */
public abstract class SlackWebs {
    private static final int PEOPLE = 100_000;
    private final Map<String, WorkspaceId> people = new ConcurrentHashMap<>();

    /** The client for {@code workspace}'s token; empty when it has none. */
    public abstract Optional<SlackWeb> of(WorkspaceId workspace);

    /** The one client every workspace uses (single-workspace mode, and the /try sandbox). */
    public static SlackWebs single(SlackWeb web) {
        return new SlackWebs() {
            @Override
            public Optional<SlackWeb> of(WorkspaceId workspace) {
                return Optional.of(web);
            }

            @Override
            public Optional<SlackWeb> forUser(String userId) {
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
     * its {@code people}. Nothing of one reaches the other's Web API.
     */
    public static SlackWebs beside(SlackWebs main, WorkspaceId side, SlackWeb sideWeb, java.util.Set<String> people) {
        java.util.Set<String> sidePeople = java.util.Set.copyOf(people);
        return new SlackWebs() {
            @Override
            public Optional<SlackWeb> of(WorkspaceId workspace) {
                return workspace.equals(side) ? Optional.of(sideWeb) : main.of(workspace);
            }

            @Override
            public Optional<SlackWeb> forUser(String userId) {
                Optional<WorkspaceId> last = lastSeen(userId);
                if (last.isPresent()) {
                    return of(last.get());
                }
                return sidePeople.contains(userId) ? Optional.of(sideWeb) : main.forUser(userId);
            }
        };
    }

    /** The workspace {@code userId} was last seen in, if any. */
    protected final Optional<WorkspaceId> lastSeen(String userId) {
        return Optional.ofNullable(people.get(userId));
    }

    /** Remembers which workspace {@code userId} acts in (from the request they just sent). */
    public void seen(String userId, WorkspaceId workspace) {
        if (people.size() >= PEOPLE) {
            people.clear();
        }
        people.put(userId, workspace);
    }

    /** The client of the workspace {@code userId} was last seen in. */
    public Optional<SlackWeb> forUser(String userId) {
        return Optional.ofNullable(people.get(userId)).flatMap(this::of);
    }
}
