package io.taskbridge.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.intake.Intake;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * Registers link previews ({@link LinkPreviews}), Workflow Builder steps ({@link WorkflowSteps}) and the
 * App Home's {@code app_home_opened} ({@link AppHomeEvents}) on a Bolt app.
 */
public final class SlackSurfaces {
    private SlackSurfaces() {}

    public static void register(App app, TaskAccess access, TaskAccess workflowAccess, ApprovalService workflowApprovals,
                                SlackWebs webs, TaskLinks links, StepExecutions steps, Intake intake, Slack slack,
                                Clock clock, Jdbi jdbi, HomeRefresh homes) {
        new LinkPreviews(access, workflowApprovals, webs, links, intake, slack, clock).register(app);
        new WorkflowSteps(workflowAccess, workflowApprovals, links, steps, slack, clock).register(app);
        new AppHomeEvents(jdbi, homes).register(app);
    }
}
