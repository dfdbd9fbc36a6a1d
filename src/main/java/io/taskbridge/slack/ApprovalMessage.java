package io.taskbridge.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import io.taskbridge.approval.Approval;
import io.taskbridge.approval.ApprovalResponse;
import io.taskbridge.approval.ApprovalStep;
import io.taskbridge.approval.ApprovalGroup;
import io.taskbridge.approval.DueAction;
import io.taskbridge.approval.Decision;
import io.taskbridge.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An approval request as Slack shows it (a DM to each approver, a line in the task's thread) and
 * the approval's progress, which every such message shows after each decision.
 */
public final class ApprovalMessage {
    public static final String APPROVE = "approval_approve";
    public static final String APPROVE_WITH_COMMENT = "approval_approve_comment";
    public static final String REJECT = "approval_reject";
    /** "Delegate…": opens a user picker to hand one's place on the step to someone else. */
    public static final String DELEGATE = "approval_delegate";

    private ApprovalMessage() {}

    /** Which step of which round a button answers. */
    public record Ref(long taskId, int round, int position) {
        public String value() {
            return taskId + ":" + round + ":" + position;
        }

        /** Reads a button value back; empty when it is not one of ours. */
        public static Optional<Ref> parse(String value) {
            String[] parts = value == null ? new String[0] : value.split(":");
            if (parts.length != 3) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Ref(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** The request as {@code viewer} sees it: with buttons while the current step waits for them. */
    public static List<LayoutBlock> request(Task task, Approval approval, String viewer) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.blockId("approval:" + task.id())
                .text(markdownText(":ballot_box_with_check: Approval for *" + TaskWords.idAndTitle(task, 400)
                        + "*, asked by " + SlackText.person(Optional.of(task.createdBy()))))));
        task.description().ifPresent(d -> blocks.add(section(s -> s.text(markdownText(SlackText.escape(d, 1500))))));
        blocks.add(section(s -> s.blockId("approval_progress:" + task.id())
                .text(markdownText(progress(approval)))));
        blocks.add(context(c -> c.elements(List.of(markdownText(next(task, approval))))));
        if (approval.awaits(viewer)) {
            String value = new Ref(task.id(), approval.round(), approval.currentStep()).value();
            blocks.add(actions(a -> a.blockId("approval_actions:" + value).elements(List.of(
                    button(b -> b.actionId(APPROVE).text(plainText("Approve")).style("primary").value(value)),
                    button(b -> b.actionId(APPROVE_WITH_COMMENT).text(plainText("Approve with comment")).value(value)),
                    button(b -> b.actionId(REJECT).text(plainText("Reject")).style("danger").value(value)),
                    button(b -> b.actionId(DELEGATE).text(plainText("Delegate…")).value(value))))));
        }
        return List.copyOf(blocks);
    }

    /** Notification text for the request. */
    public static String text(Task task, Approval approval) {
        return "Approval for task #" + task.id() + ": " + SlackText.escape(task.title(), 300) + " (" + next(task, approval) + ")";
    }

    /** Each step, with who answered what, as mrkdwn lines. */
    public static String progress(Approval approval) {
        StringBuilder out = new StringBuilder();
        for (ApprovalStep step : approval.steps()) {
            out.append(stepHeading(approval, step)).append('\n');
            if (!step.participants().isEmpty()) {
                out.append("    ").append(tally(step)).append('\n');
            }
            for (String user : step.participants()) {
                Optional<ApprovalResponse> r = step.responseOf(user);
                String standIn = Optional.ofNullable(step.delegatedFrom().get(user)).map(f -> " (for <@" + f + ">)").orElse("");
                out.append("    ").append(r.map(ApprovalMessage::answered).orElseGet(() ->
                        (isCurrent(approval, step) ? ":hourglass_flowing_sand: " : ":white_circle: ") + "<@" + user + ">"
                                + (isCurrent(approval, step) ? " — waiting" : ""))).append(standIn).append('\n');
            }
        }
        return out.toString().stripTrailing();
    }

    /** What happens next, in one line. */
    public static String next(Task task, Approval approval) {
        return switch (approval.state()) {
            case APPROVED -> ":white_check_mark: Approved: the task is done.";
            case REJECTED -> ":x: Rejected: the task went back to " + SlackText.person(Optional.of(task.createdBy()))
                    + " to rework.";
            case EXPIRED -> ":hourglass: Expired: nobody decided in time; the task went back to "
                    + SlackText.person(Optional.of(task.createdBy())) + ".";
            case PENDING -> approval.current().map(s -> "Waiting for " + people(s.waitingFor())
                    + (approval.steps().size() > 1 ? " (step " + (s.position() + 1) + " of " + approval.steps().size() + ")" : ""))
                    .orElse("Waiting.");
        };
    }

    private static String stepHeading(Approval approval, ApprovalStep step) {
        String mode = step.mode().isAll() ? "everyone must approve" : step.mode().words() + " approve"
                + (step.needed() == 1 ? "s" : "");
        String due = step.dueDate().map(d -> ", due " + SlackDates.token(d)).orElse("");
        String then = step.onDue().map(a -> a instanceof DueAction.Escalate e ? ", then escalates to <@" + e.userId() + ">"
                : ", then expires").orElse("");
        String name = approval.steps().size() > 1 ? "*Step " + (step.position() + 1) + "*" : "*Approvers*";
        String groups = step.groups().isEmpty() ? "" : " " + groupNames(step.groups())
                + (step.unexpanded().isEmpty() ? "" : " (looking up its members)");
        return name + groups + " (" + mode + due + then + ")";
    }

    /** "1 of 2 approved: @a": how far the step is. */
    public static String tally(ApprovalStep step) {
        List<String> yes = step.approvers();
        return yes.size() + " of " + step.needed() + " approved" + (yes.isEmpty() ? "" : ": " + people(yes));
    }

    /** The groups a step asks, by handle ("@finance"): Slack shows the handle, it does not resolve a subteam here. */
    public static String groupNames(List<ApprovalGroup> groups) {
        return String.join(", ", groups.stream().map(g -> "@" + g.name()).toList());
    }

    private static boolean isCurrent(Approval approval, ApprovalStep step) {
        return approval.state() == Approval.State.PENDING && approval.currentStep() == step.position();
    }

    private static String answered(ApprovalResponse r) {
        String icon = r.decision() == Decision.APPROVE ? ":white_check_mark: " : ":x: ";
        return icon + "<@" + r.userId() + "> " + r.decision().pastTense()
                + r.comment().map(c -> ": “" + SlackText.escape(c, 500) + "”").orElse("")
                + " " + SlackDates.token(r.at());
    }

    private static String people(List<String> ids) {
        return String.join(", ", ids.stream().map(id -> "<@" + id + ">").toList());
    }

    /** For the task's channel message: a short progress section, shown while and after approval. */
    public static String summary(Approval approval) {
        return "*Approval*\n" + progress(approval);
    }

    /** Used by the task message to hide Done while approvers decide. */
    public static boolean awaitingDecision(Approval approval) {
        return approval.state() == Approval.State.PENDING;
    }
}
