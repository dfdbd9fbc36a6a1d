package io.taskbridge.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.usersSelect;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import io.taskbridge.access.Asker;
import io.taskbridge.access.Refused;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.approval.Approval;
import io.taskbridge.approval.ApprovalProblem;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.command.Command;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskProblem;
import io.taskbridge.workspace.ConversationKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Handing an approver's place to someone else: {@code /task delegate 42 [@away] @bob}, and the
 * "Delegate…" button on an approval request, which opens a user picker. Every way in asks
 * {@link TaskAccess#requireDelegation} (the permission policy) before the approval service hands the
 * place over atomically; a click carries no authority of its own.
 */
public final class Delegations {
    public static final String CALLBACK_ID = "approval_delegate_pick";
    public static final String PICK_BLOCK = "delegate_to";
    public static final String PICK_ACTION = "delegate_to_user";
    static final String PICKER = "slack.delegate-picker";

    /** "Delegate…" clicked: open the picker after the ack, if the clicker still waits on that step. */
    record PickerJob(long taskId, int round, int position, String user, String team, String workspace, String trigger,
                     String responseUrl) {}

    private final ApprovalService approvals;
    private final TaskAccess access;
    private final SlackWebs webs;
    private final SlackJobs jobs;

    Delegations(ApprovalService approvals, TaskAccess access, SlackWebs webs, SlackJobs jobs) {
        this.approvals = approvals;
        this.access = access;
        this.webs = webs;
        this.jobs = jobs;
        jobs.on(PICKER, PickerJob.class, this::openPicker);
    }

    void register(CommandHandlers handlers) {
        handlers.on(Command.Delegate.class, (delegate, caller, key) -> delegate(delegate, caller));
    }

    void register(App app) {
        app.blockAction(ApprovalMessage.DELEGATE, this::onDelegateButton);
        app.viewSubmission(CALLBACK_ID, this::onPicked);
    }

    private String delegate(Command.Delegate command, Caller caller) {
        long id = command.taskId();
        String from = command.from().orElse(caller.userId());
        TaskAccess scoped = access.in(caller.workspace());
        scoped.requireDelegation(caller.asker(), id, from, command.to());
        Approval approval = approvals.find(id).filter(a -> a.current().isPresent()).orElseThrow(() -> new ApprovalProblem(
                ApprovalProblem.Kind.NOT_WAITING, "Task #" + id + " is not waiting for approval, so there is no place to hand over."));
        approvals.delegate(id, approval.round(), approval.currentStep(), from, command.to(), caller.userId());
        return ":handshake: <@" + from + ">'s place as approver of task #" + id + " went to <@" + command.to() + ">, who is"
                + " asked now. <@" + from + "> keeps seeing how it goes.";
    }

    private Response onDelegateButton(BlockActionRequest request, ActionContext ctx) {
        BlockActionPayload p = request.getPayload();
        Optional<ApprovalMessage.Ref> ref = p.getActions().isEmpty() ? Optional.empty()
                : ApprovalMessage.Ref.parse(p.getActions().get(0).getValue());
        Optional<TaskAccess> scoped = PayloadWorkspace.of(p).map(access::in);
        if (ref.isEmpty() || scoped.isEmpty()) {
            return ctx.ack();
        }
        ApprovalMessage.Ref r = ref.get();
        Caller caller = SlackApp.clicker(p, scoped.get().tasks().workspace());
        PickerJob job = new PickerJob(r.taskId(), r.round(), r.position(), caller.userId(), caller.teamId(),
                caller.workspace().value(), p.getTriggerId(), p.getResponseUrl());
        if (!jobs.record(PICKER, SlackApp.clickKey(PICKER, p), job)) {
            SlackApp.ephemeral(ctx, SlackApp.BUSY);
        }
        return ctx.ack();
    }

    private void openPicker(PickerJob job) {
        WorkspaceId workspace = new WorkspaceId(job.workspace());
        TaskAccess scoped = access.in(workspace);
        Asker asker = new Caller(job.user(), job.team(), "", ConversationKind.PRIVATE, workspace).asker();
        Task task;
        try {
            task = scoped.see(asker, job.taskId()).orElseThrow(() -> new TaskProblem.NotFound(job.taskId()));
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
        SlackResult<String> opened = webs.openView(workspace, job.trigger(), picker(task, r));
        if (!(opened instanceof SlackResult.Ok)) {
            jobs.answer(job.responseUrl(), false, ":warning: I couldn't open the form to delegate. Please try again.");
        }
    }

    /** The picker: who takes over; the step it is about rides in private_metadata (re-checked on submit). */
    static View picker(Task task, ApprovalMessage.Ref ref) {
        return View.builder().type("modal").callbackId(CALLBACK_ID).privateMetadata(ref.value())
                .title(viewTitle(t -> t.type("plain_text").text("Delegate task #" + task.id())))
                .submit(viewSubmit(t -> t.type("plain_text").text("Hand over")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(List.of(
                        section(s -> s.text(markdownText("*" + TaskWords.idAndTitle(task, 300) + "*\nWho decides in your place?"
                                + " You will still see how it goes."))),
                        input(i -> i.blockId(PICK_BLOCK).label(plainText("Hand my place to"))
                                .element(usersSelect(u -> u.actionId(PICK_ACTION))))))
                .build();
    }

    private Response onPicked(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
        ViewSubmissionPayload p = request.getPayload();
        Optional<ApprovalMessage.Ref> ref = ApprovalMessage.Ref.parse(p.getView().getPrivateMetadata());
        Optional<TaskAccess> scoped = PayloadWorkspace.of(p).map(access::in);
        Optional<String> to = picked(p.getView().getState());
        if (ref.isEmpty() || scoped.isEmpty() || to.isEmpty()) {
            return ctx.ack(a -> a.responseAction("errors").errors(Map.of(PICK_BLOCK, "Pick the person who takes over.")));
        }
        ApprovalMessage.Ref r = ref.get();
        String user = p.getUser().getId();
        try {
            scoped.get().requireDelegation(new Asker(scoped.get().tasks().workspace().value(), user, Optional.empty()),
                    r.taskId(), user, to.get());
            approvals.delegate(r.taskId(), r.round(), r.position(), user, to.get(), user);
            return ctx.ack();
        } catch (ApprovalProblem | TaskProblem | Refused e) {
            return ctx.ack(a -> a.responseAction("errors").errors(Map.of(PICK_BLOCK, e.getMessage())));
        }
    }

    private static Optional<String> picked(ViewState state) {
        Map<String, ViewState.Value> block = state == null || state.getValues() == null ? null
                : state.getValues().get(PICK_BLOCK);
        return Optional.ofNullable(block == null ? null : block.get(PICK_ACTION)).map(ViewState.Value::getSelectedUser)
                .filter(u -> !u.isBlank());
    }
}
