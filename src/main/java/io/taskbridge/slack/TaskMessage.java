package io.taskbridge.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import io.taskbridge.approval.Approval;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The channel message for a task, posted once and updated in place whenever the task changes.
 * Its buttons carry the task id as their value; handlers register {@link #START} and {@link #DONE}.
 */
public final class TaskMessage {
    /** action_id of the Start button (shown only while the task is to do). */
    public static final String START = "task_start";
    /** action_id of the Done button (shown while the task is open). */
    public static final String DONE = "task_done";
    /** block_id prefix of the actions block; the task id follows, e.g. {@code task_actions:42}. */
    public static final String ACTIONS_BLOCK = "task_actions:";

    /** A longer description is cut here, with a note pointing to {@code /task show}. */
    private static final int DESCRIPTION_MAX = SlackText.SECTION_MAX;
    private static final ZoneId UTC = ZoneId.of("UTC");

    private TaskMessage() {}

    /** The blocks; {@code now} decides whether the due date is shown as overdue. */
    public static List<LayoutBlock> blocks(Task task, Instant now) {
        return blocks(task, Optional.empty(), now);
    }

    /**
     * The blocks with the task's approval, if it has one: its progress is shown, and while approvers
     * decide there is no Done button (finishing it is theirs to do).
     */
    public static List<LayoutBlock> blocks(Task task, Optional<Approval> approval, Instant now) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.blockId("task:" + task.id())
                .text(markdownText("*" + TaskWords.idAndTitle(task, SlackText.SECTION_MAX - 2) + "*"))));
        blocks.add(section(s -> s.blockId("task_fields:" + task.id()).fields(fields(task, now))));
        task.description().ifPresent(d -> {
            String text = SlackText.escape(d, DESCRIPTION_MAX);
            blocks.add(section(s -> s.blockId("task_description:" + task.id()).text(markdownText(text))));
            if (text.length() < SlackText.escape(d).length()) {
                blocks.add(context(c -> c.elements(List.of(markdownText(
                        "Description shortened; `/task show " + task.id() + "` has all of it.")))));
            }
        });
        task.slack().flatMap(SlackPlace::source).flatMap(SlackPlace.Source::permalink).filter(TaskMessage::isLink)
                .ifPresent(link -> blocks.add(context(c -> c.blockId("task_source:" + task.id())
                        .elements(List.of(markdownText(":speech_balloon: Made from <" + link + "|this message>"))))));
        approval.ifPresent(a -> blocks.add(section(s -> s.blockId("task_approval:" + task.id())
                .text(markdownText(ApprovalMessage.summary(a))))));
        boolean awaiting = approval.filter(ApprovalMessage::awaitingDecision).isPresent() && task.status() == Status.REVIEW;
        List<BlockElement> buttons = awaiting ? List.of() : buttons(task);
        if (awaiting) {
            blocks.add(context(c -> c.blockId("task_awaiting:" + task.id())
                    .elements(List.of(markdownText(":hourglass_flowing_sand: Waiting for approval.")))));
        } else if (buttons.isEmpty()) {
            blocks.add(context(c -> c.blockId("task_closed:" + task.id())
                    .elements(List.of(markdownText(closedLine(task.status()))))));
        } else {
            blocks.add(actions(a -> a.blockId(ACTIONS_BLOCK + task.id()).elements(buttons)));
        }
        return List.copyOf(blocks);
    }

    /**
     * The notification and fallback text: "Task #42: Review the Q3 report — in progress, due Fri 27
     * Nov 2026, 5:00 PM UTC". No mrkdwn dates (notifications don't render them), so the due date is
     * in UTC, named as such; escaped, since Slack parses this text for mentions too.
     */
    public static String text(Task task) {
        StringBuilder text = new StringBuilder("Task #").append(task.id()).append(": ")
                .append(SlackText.escape(task.title(), 500));
        List<String> parts = new ArrayList<>();
        if (task.status() != Status.TODO) {
            parts.add(task.status().label());
        }
        if (task.status().isOpen()) {
            task.dueDate().ifPresent(due -> parts.add("due " + SlackDates.plain(due, UTC)));
        }
        if (!parts.isEmpty()) {
            text.append(" — ").append(String.join(", ", parts));
        }
        return text.toString();
    }

    /**
     * The reply under the message a task was made from: that the task exists, linking its own
     * message (posted before the reply is).
     */
    static String madeFrom(Task task) {
        return ":memo: " + TaskMessage.text(task) + TaskLinks.messageLink(task).map(l -> " — <" + l + "|open the task>").orElse("")
                + ". Made from this message by " + SlackText.person(Optional.of(task.createdBy())) + ".";
    }

    /** A link Slack gave (chat.getPermalink): https, and nothing that would break mrkdwn's {@code <url|text>}. */
    private static boolean isLink(String url) {
        return url.startsWith("https://") && url.chars().noneMatch(ch -> ch == '|' || ch == '>' || ch == '<' || ch <= ' ');
    }

    /** The task a click on one of its buttons is about; empty for a click that carries no task. */
    static OptionalLong clickedTask(com.slack.api.app_backend.interactive_components.payload.BlockActionPayload p) {
        return p.getActions().isEmpty() ? OptionalLong.empty() : taskId(p.getActions().get(0).getValue());
    }

    /** The task id a button of this message carries, or empty when {@code value} is not one. */
    public static OptionalLong taskId(String buttonValue) {
        try {
            long id = Long.parseLong(buttonValue);
            return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static List<TextObject> fields(Task task, Instant now) {
        List<TextObject> fields = new ArrayList<>();
        fields.add(field("Status", TaskWords.status(task.status())));
        fields.add(field("Assignee", SlackText.person(task.assignee())));
        TaskWords.due(task, now).ifPresent(due -> fields.add(field("Due", due)));
        TaskWords.priority(task.priority()).ifPresent(p -> fields.add(field("Priority", p)));
        TaskWords.tags(task.tags()).ifPresent(t -> fields.add(field("Tags", t)));
        TaskWords.reminder(task).ifPresent(r -> fields.add(field("Reminder", r)));
        return fields;
    }

    private static TextObject field(String name, String value) {
        return markdownText("*" + name + "*\n" + value);
    }

    private static List<BlockElement> buttons(Task task) {
        String id = Long.toString(task.id());
        List<BlockElement> buttons = new ArrayList<>();
        if (task.status() == Status.TODO) {
            buttons.add(button(b -> b.actionId(START).text(plainText("Start")).value(id)));
        }
        if (task.status().canQuickComplete()) {
            buttons.add(button(b -> b.actionId(DONE).text(plainText("Done")).value(id).style("primary")));
        }
        return buttons;
    }

    private static String closedLine(Status status) {
        return status == Status.DONE ? ":white_check_mark: This task is done."
                : ":no_entry_sign: This task was canceled.";
    }
}
