package io.taskbridge.slack;

import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import io.taskbridge.platform.WorkspaceId;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code app_home_opened} on the Home tab: the person is remembered as one whose home is kept up to
 * date, and their home is queued to be published ({@link HomeRefresh}; the outbox delivers it, so
 * the ack waits on nothing but one short write, and Slack's retries of the event are one row).
 */
final class AppHomeEvents {
    private static final Logger log = LoggerFactory.getLogger(AppHomeEvents.class);
    private static final String HOME = "home";

    private final Jdbi jdbi;
    private final HomeRefresh homes;

    AppHomeEvents(Jdbi jdbi, HomeRefresh homes) {
        this.jdbi = jdbi;
        this.homes = homes;
    }

    void register(App app) {
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            AppHomeOpenedEvent event = payload.getEvent();
            Optional<WorkspaceId> workspace = UninstallEvents.workspace(payload);
            if (event != null && HOME.equals(event.getTab()) && event.getUser() != null && workspace.isPresent()
                    && SlackText.isUserId(event.getUser())) {
                homes.opened(jdbi, workspace.get(), event.getUser());
                log.debug("{} opened their home in {}", event.getUser(), workspace.get());
            }
            return ctx.ack();
        });
    }
}
