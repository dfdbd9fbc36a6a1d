package io.taskbridge;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.connector.Backends;
import io.taskbridge.intake.Intake;
import io.taskbridge.outbox.Delivery;
import io.taskbridge.platform.HttpServer;
import io.taskbridge.platform.SecretBox;
import io.taskbridge.slack.HomeRefresh;
import io.taskbridge.slack.HomeViews;
import io.taskbridge.slack.SlackSurfaces;
import io.taskbridge.slack.SlackWebs;
import io.taskbridge.slack.StepDelivery;
import io.taskbridge.slack.StepExecutions;
import io.taskbridge.slack.TaskLinks;
import io.taskbridge.slack.TaskPages;
import io.taskbridge.task.TaskService;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Task links ({@code GET /tasks/{id}}) and the Slack surfaces built on them: link previews
 * ({@code link_shared}) and Workflow Builder steps ({@code function_executed}), whose executions
 * ({@link StepExecutions}) also hear approval decisions and are completed through the outbox; and the
 * App Home, published again through the outbox after changes ({@link HomeRefresh}, which the
 * notifiers call).
 */
record Surfaces(TaskLinks links, StepExecutions steps, HomeRefresh homes, Jdbi jdbi, Clock clock) {
    static Surfaces wire(Config config, StoreModule store, Backends backends, Clock clock) {
        Optional<SecretBox> box = config.connectors().encryptionKey().map(k -> new SecretBox(k, new SecureRandom()));
        return new Surfaces(new TaskLinks(config.publicUrl(), backends, store.db().jdbi()),
                new StepExecutions(store.db().jdbi(), store.db().writes(), store.outbox(), box, clock),
                new HomeRefresh(store.outbox(), clock), store.db().jdbi(), clock);
    }

    /** Renders and publishes people's App Homes, reading through {@code access}. */
    HomeViews homeViews(TaskAccess access, ApprovalService approvals) {
        return new HomeViews(access, approvals, clock);
    }

    HttpServer.Routes pages(TaskService tasks) {
        return new TaskPages(tasks, links);
    }

    /** Delivers workflow steps' completions, once Slack is configured. */
    Optional<Delivery> stepDelivery(Optional<Slack> slack) {
        return slack.map(s -> new StepDelivery(s, steps));
    }

    /** Registers the listeners of these surfaces on the Bolt app. */
    void register(App app, TaskAccess access, TaskAccess workflowAccess, ApprovalService workflowApprovals, SlackWebs webs,
                  Intake intake, Slack slack, Clock clock) {
        SlackSurfaces.register(app, access, workflowAccess, workflowApprovals, webs, links, steps, intake, slack, clock,
                jdbi, homes);
    }
}
