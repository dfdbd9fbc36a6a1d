package io.taskbridge.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import io.taskbridge.approval.Approval;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A person's App Home as Slack shows it: what waits for their approval (with Approve and Reject,
 * the approval request's own buttons), the open tasks assigned to them (soonest due first, so the
 * overdue ones lead, with Start and Done, the task message's own buttons), the tasks they created,
 * and a New task button. Every button is the one the task's other messages carry, so a click here
 * is handled, and checked, exactly like a click there.
 */
public final class HomeTab {
    /** action_id of the New task button: opens the creation form with a channel picker. */
    public static final String NEW_TASK = "home_new_task";
    /** How many tasks each list shows; more are counted, not shown. */
    static final int SHOWN = 15;

    private HomeTab() {}

    /**
     * What one home shows: each list as found (at most {@link #SHOWN} + 1 each, to tell there are
     * more), and which of the assigned tasks wait for approvers (no Done: finishing them is theirs).
     */
    record Board(List<Waiting> approvals, List<Task> assigned, List<Task> created, java.util.Set<Long> awaitingApproval) {
        Board {
            approvals = List.copyOf(approvals);
            assigned = List.copyOf(assigned);
            created = List.copyOf(created);
            awaitingApproval = java.util.Set.copyOf(awaitingApproval);
        }
    }

    /** A task whose approval waits for this person. */
    record Waiting(Task task, Approval approval) {}

    static View view(Board board, Instant now) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(actions(a -> a.blockId("home_actions").elements(List.of(
                button(b -> b.actionId(NEW_TASK).text(plainText("New task")).style("primary").value("new"))))));
        heading(blocks, "Waiting for my approval");
        list(blocks, board.approvals(), "Nothing waits for your approval.", w -> approval(blocks, w));
        heading(blocks, "Assigned to me");
        list(blocks, board.assigned(), "Nothing open is assigned to you.",
                t -> assigned(blocks, t, board.awaitingApproval().contains(t.id()), now));
        heading(blocks, "Created by me");
        list(blocks, board.created(), "You have no open tasks you created.", t -> blocks.add(line("home_created:", t, now)));
        return View.builder().type("home").callbackId("taskbridge_home").blocks(blocks).build();
    }

    private static void heading(List<LayoutBlock> blocks, String title) {
        blocks.add(divider());
        blocks.add(header(h -> h.text(plainText(title))));
    }

    private static <T> void list(List<LayoutBlock> blocks, List<T> items, String none, java.util.function.Consumer<T> each) {
        if (items.isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(markdownText(none)))));
            return;
        }
        items.stream().limit(SHOWN).forEach(each);
        if (items.size() > SHOWN) {
            blocks.add(context(c -> c.elements(List.of(markdownText("More than " + SHOWN + ": `/task list` shows them all.")))));
        }
    }

    private static void approval(List<LayoutBlock> blocks, Waiting w) {
        Task task = w.task();
        blocks.add(section(s -> s.blockId("home_approval:" + task.id()).text(markdownText("*" + TaskWords.idAndTitle(task, 300)
                + "*\nCreated by " + SlackText.person(Optional.of(task.createdBy())) + " · " + ApprovalMessage.next(task, w.approval())))));
        String value = new ApprovalMessage.Ref(task.id(), w.approval().round(), w.approval().currentStep()).value();
        blocks.add(actions(a -> a.blockId("home_approval_actions:" + value).elements(List.of(
                button(b -> b.actionId(ApprovalMessage.APPROVE).text(plainText("Approve")).style("primary").value(value)),
                button(b -> b.actionId(ApprovalMessage.REJECT).text(plainText("Reject")).style("danger").value(value))))));
    }

    private static void assigned(List<LayoutBlock> blocks, Task task, boolean awaitingApproval, Instant now) {
        blocks.add(line("home_assigned:", task, now));
        String id = Long.toString(task.id());
        List<BlockElement> buttons = new ArrayList<>();
        if (task.status() == Status.TODO) {
            buttons.add(button(b -> b.actionId(TaskMessage.START).text(plainText("Start")).value(id)));
        }
        if (task.status().canQuickComplete() && !awaitingApproval) {
            buttons.add(button(b -> b.actionId(TaskMessage.DONE).text(plainText("Done")).style("primary").value(id)));
        }
        if (!buttons.isEmpty()) {
            blocks.add(actions(a -> a.blockId("home_task_actions:" + id).elements(buttons)));
        }
    }

    private static LayoutBlock line(String blockPrefix, Task task, Instant now) {
        String due = TaskWords.due(task, now).map(d -> " · due " + d).orElse("");
        return section(s -> s.blockId(blockPrefix + task.id()).text(markdownText("*" + TaskWords.idAndTitle(task, 300) + "*\n"
                + TaskWords.status(task.status()) + " · " + SlackText.person(task.assignee()) + due)));
    }
}
