package io.taskbridge.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import io.taskbridge.access.Asker;
import io.taskbridge.access.Refused;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.approval.ApprovalProblem;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.approval.Decision;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.TaskProblem;
import io.taskbridge.workspace.ConversationKind;
import io.taskbridge.workspace.TaskAction;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approval request's buttons (Approve, Approve with comment, Reject) and the comment form they
 * open. Every click asks {@code access} over the clicker's workspace first; the comment form is
 * opened after the ack, from the intake.
 */
final class ApprovalListeners {
    private static final Logger log = LoggerFactory.getLogger(ApprovalListeners.class);

    static final String COMMENT_FORM = "slack.comment-form";
    static final String ANSWER = "slack.answer";

    /** Approve with comment or Reject: the comment form to open (if the clicker may still answer). */
    record CommentFormJob(long taskId, int round, int position, String user, String team, String channel,
                          String workspace, Decision decision, String trigger, String responseUrl) {
        Asker asker() {
            return new Caller(user, team, channel, ConversationKind.PRIVATE, new WorkspaceId(workspace)).asker();
        }
    }

    /** An ephemeral answer to a click, sent after the ack (a block action's ack cannot carry one). */
    record AnswerJob(String responseUrl, String text) {}

    private final ApprovalService approvals;
    private final TaskAccess access;
    private final SlackWebs webs;
    private final SlackJobs jobs;

    ApprovalListeners(ApprovalService approvals, TaskAccess access, SlackWebs webs, SlackJobs jobs) {
        this.approvals = approvals;
        this.access = access;
        this.webs = webs;
        this.jobs = jobs;
        jobs.on(COMMENT_FORM, CommentFormJob.class, this::openCommentForm);
        jobs.on(ANSWER, AnswerJob.class, a -> jobs.answer(a.responseUrl(), false, a.text()));
    }

    void register(App app) {
        app.blockAction(ApprovalMessage.APPROVE, (req, ctx) -> onApprovalButton(req, ctx, Decision.APPROVE, false));
        app.blockAction(ApprovalMessage.APPROVE_WITH_COMMENT, (req, ctx) -> onApprovalButton(req, ctx, Decision.APPROVE, true));
        app.blockAction(ApprovalMessage.REJECT, (req, ctx) -> onApprovalButton(req, ctx, Decision.REJECT, true));
        app.viewSubmission(ApprovalModal.CALLBACK_ID, this::onDecisionSubmitted);
    }

    /**
     * Approve decides before the ack: the decision is one short transaction in our own store (a
     * task system hears of it through the outbox), so it is recorded even when the work queue is
     * full. Approve with comment and Reject open the comment modal first, after the ack. Anyone the
     * step does not wait for is told why, and nothing changes.
     */
    private Response onApprovalButton(BlockActionRequest request, ActionContext ctx, Decision decision, boolean withComment) {
        BlockActionPayload p = request.getPayload();
        Optional<ApprovalMessage.Ref> ref = p.getActions().isEmpty() ? Optional.empty()
                : ApprovalMessage.Ref.parse(p.getActions().get(0).getValue());
        if (ref.isEmpty()) {
            return ctx.ack();
        }
        String user = p.getUser().getId();
        TaskAction action = decision == Decision.APPROVE ? TaskAction.APPROVE : TaskAction.REJECT;
        ApprovalMessage.Ref r = ref.get();
        Optional<TaskAccess> scoped = PayloadWorkspace.of(p).map(access::in);
        if (scoped.isEmpty()) {
            tellNotFound(p, r.taskId());
            return ctx.ack();
        }
        if (!withComment) {
            // requireAnswer reads the task (a missing or hidden one is TaskProblem.NotFound, answered below).
            Asker asker = SlackApp.clicker(p, scoped.get().tasks().workspace()).asker();
            try {
                scoped.get().requireAnswer(asker, r.taskId(), action);
                approvals.decide(r.taskId(), r.round(), r.position(), user, decision, Optional.empty());
            } catch (Refused e) {
                tellLater(p, ":no_entry: " + e.getMessage());
            } catch (ApprovalProblem | TaskProblem e) {
                tellLater(p, ":warning: " + e.getMessage());
            }
            return ctx.ack();
        }
        if (scoped.get().tasks().find(r.taskId()).isEmpty()) {
            tellNotFound(p, r.taskId());
            return ctx.ack();
        }
        Caller caller = SlackApp.clicker(p, scoped.get().tasks().workspace());
        CommentFormJob job = new CommentFormJob(r.taskId(), r.round(), r.position(), user, caller.teamId(),
                caller.channelId(), caller.workspace().value(), decision, p.getTriggerId(), p.getResponseUrl());
        if (!jobs.record(COMMENT_FORM, SlackApp.clickKey(COMMENT_FORM, p), job)) {
            SlackApp.ephemeral(ctx, SlackApp.BUSY);
        }
        return ctx.ack();
    }

    /** The answer to a click on a task that is gone, or hidden from the one who clicked. */
    private void tellNotFound(BlockActionPayload p, long taskId) {
        tellLater(p, ":warning: " + new TaskProblem.NotFound(taskId).getMessage());
    }

    /** A click's answer, sent after the ack (a block action's ack cannot carry one). */
    private void tellLater(BlockActionPayload p, String text) {
        if (!jobs.record(ANSWER, SlackApp.clickKey(ANSWER, p), new AnswerJob(p.getResponseUrl(), text))) {
            log.warn("could not record the answer to an approval click");
        }
    }

    private void openCommentForm(CommentFormJob job) {
        WorkspaceId workspace = new WorkspaceId(job.workspace());
        TaskAccess access = this.access.in(workspace);
        TaskAction action = job.decision() == Decision.APPROVE ? TaskAction.APPROVE : TaskAction.REJECT;
        try {
            access.requireAnswer(job.asker(), job.taskId(), action);
        } catch (Refused e) {
            jobs.answer(job.responseUrl(), false, ":no_entry: " + e.getMessage());
            return;
        } catch (TaskProblem e) {
            jobs.answer(job.responseUrl(), false, ":warning: " + e.getMessage());
            return;
        }
        Optional<ApprovalProblem> refusal = approvals.refusal(job.taskId(), job.round(), job.position(), job.user());
        if (refusal.isPresent()) {
            jobs.answer(job.responseUrl(), false, ":warning: " + refusal.get().getMessage());
            return;
        }
        ApprovalMessage.Ref r = new ApprovalMessage.Ref(job.taskId(), job.round(), job.position());
        SlackResult<String> opened = webs.openView(workspace, job.trigger(),
                ApprovalModal.create(access.tasks().get(job.taskId()), new ApprovalModal.Pending(r, job.decision())));
        if (!(opened instanceof SlackResult.Ok)) {
            log.warn("views.open for a decision failed: {}", opened);
            jobs.answer(job.responseUrl(), false, ":warning: I couldn't open the comment form. Please try again.");
        }
    }

    private Response onDecisionSubmitted(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
        ViewSubmissionPayload p = request.getPayload();
        Optional<ApprovalModal.Pending> pending = ApprovalModal.Pending.parse(p.getView().getPrivateMetadata());
        if (pending.isEmpty()) {
            return ctx.ack();
        }
        ApprovalMessage.Ref r = pending.get().ref();
        Optional<TaskAccess> scoped = PayloadWorkspace.of(p).map(access::in);
        if (scoped.isEmpty() || scoped.get().tasks().find(r.taskId()).isEmpty()) {
            return ctx.ack(a -> a.responseAction("errors").errors(Map.of(ApprovalModal.COMMENT_BLOCK,
                    new TaskProblem.NotFound(r.taskId()).getMessage())));
        }
        Optional<String> comment = ApprovalModal.comment(p.getView().getState());
        TaskAction action = pending.get().decision() == Decision.APPROVE ? TaskAction.APPROVE : TaskAction.REJECT;
        try {
            scoped.get().requireAnswer(new Asker(scoped.get().tasks().workspace().value(), p.getUser().getId(), Optional.empty()),
                    r.taskId(), action);
            approvals.decide(r.taskId(), r.round(), r.position(), p.getUser().getId(), pending.get().decision(), comment);
            return ctx.ack();
        } catch (ApprovalProblem | TaskProblem | Refused e) {
            return ctx.ack(a -> a.responseAction("errors").errors(Map.of(ApprovalModal.COMMENT_BLOCK, e.getMessage())));
        }
    }
}
