package io.taskbridge;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.connector.Backends;
import io.taskbridge.intake.Intake;
import io.taskbridge.platform.HttpServer;
import io.taskbridge.slack.SlackSurfaces;
import io.taskbridge.slack.SlackWebs;
import io.taskbridge.slack.TaskLinks;
import io.taskbridge.slack.TaskPages;
import io.taskbridge.task.TaskService;
import java.time.Clock;

/**
 * Task links ({@code GET /tasks/{id}}) and the Slack surfaces built on them: link previews
 * ({@code link_shared}).
 */
record Surfaces(TaskLinks links) {
    static Surfaces wire(Config config, StoreModule store, Backends backends) {
        return new Surfaces(new TaskLinks(config.publicUrl(), backends, store.db().jdbi()));
    }

    HttpServer.Routes pages(TaskService tasks) {
        return new TaskPages(tasks, links);
    }

    /** Registers the listeners of these surfaces on the Bolt app. */
    void register(App app, TaskAccess access, ApprovalService approvals, SlackWebs webs, Intake intake, Slack slack,
                  Clock clock) {
        SlackSurfaces.register(app, access, approvals, webs, links, intake, slack, clock);
    }
}
