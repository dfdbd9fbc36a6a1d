package io.taskbridge.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.conversationsSelect;
import static com.slack.api.model.block.element.BlockElements.datePicker;
import static com.slack.api.model.block.element.BlockElements.numberInput;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.block.element.BlockElements.timePicker;
import static com.slack.api.model.block.element.BlockElements.usersSelect;
import static com.slack.api.model.block.element.BlockElements.multiUsersSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ConversationsFilter;
import com.slack.api.model.view.View;
import io.taskbridge.approval.ApprovalPlan;
import io.taskbridge.approval.CompletionMode;
import com.slack.api.model.view.ViewState;
import io.taskbridge.task.Priority;
import io.taskbridge.task.TaskRules;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The task creation modal ({@code /task} alone, or {@code /task add} without a title): the view to
 * open, reading a submission back ({@link #read}, then {@link TaskForm#toDraft}), and turning
 * {@link TaskRules#check} problems into the modal's inline errors ({@link #errors}).
 */
public final class TaskModal {
    /** callback_id of the view; the view_submission handler registers it. */
    public static final String CALLBACK_ID = "task_create";

    /** Slack's limit for private_metadata. */
    public static final int MAX_PRIVATE_METADATA = 3000;

    /** Slack's limit for a plain_text_input's max_length (and so for its initial value). */
    static final int MAX_INPUT_LENGTH = 3000;

    /** The inputs, each with the block_id errors refer to and the action_id its value is under. */
    public enum Field {
        TITLE("title", "title_input"),
        DESCRIPTION("description", "description_input"),
        ASSIGNEE("assignee", "assignee_select"),
        DUE_DATE("due_date", "due_date_picker"),
        DUE_TIME("due_time", "due_time_picker"),
        PRIORITY("priority", "priority_select"),
        TAGS("tags", "tags_input"),
        REMINDER("reminder", "reminder_hours"),
        REPEATS("repeats", "repeats_input"),
        APPROVERS("approvers", "approvers_select"),
        APPROVAL_MODE("approval_mode", "approval_mode_select"),
        CHANNEL("channel", "channel_select");

        private final String blockId;
        private final String actionId;

        Field(String blockId, String actionId) {
            this.blockId = blockId;
            this.actionId = actionId;
        }

        public String blockId() {
            return blockId;
        }

        public String actionId() {
            return actionId;
        }
    }

    private TaskModal() {}

    /**
     * The creation modal. {@code privateMetadata} travels with it to the submission (e.g. the
     * channel to post in); at most {@value #MAX_PRIVATE_METADATA} characters.
     */
    public static View create(String privateMetadata) {
        return create(privateMetadata, Prefill.NONE);
    }

    /**
     * What the form starts with when it is opened from a shortcut: a message's title, description and
     * author (as suggested assignee), that message's permalink (shown once known), and, from the
     * lightning menu or the App Home, a channel picker (required: the task is posted there).
     */
    public record Prefill(Optional<String> title, Optional<String> description, Optional<String> assignee,
                          Optional<String> permalink, boolean pickChannel) {
        public static final Prefill NONE = new Prefill(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);

        public Prefill withPermalink(String link) {
            return new Prefill(title, description, assignee, Optional.of(link), pickChannel);
        }
    }

    /** The creation modal as {@link #create(String)}, starting from {@code prefill}. */
    public static View create(String privateMetadata, Prefill prefill) {
        Objects.requireNonNull(privateMetadata, "privateMetadata");
        if (privateMetadata.length() > MAX_PRIVATE_METADATA) {
            throw new IllegalArgumentException("private_metadata is limited to " + MAX_PRIVATE_METADATA + " characters");
        }
        return view(v -> v.type("modal")
                .callbackId(CALLBACK_ID)
                .privateMetadata(privateMetadata)
                .title(viewTitle(t -> t.type("plain_text").text("New task")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Create")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(blocks(prefill)));
    }

    /** In place of the form: why no task can be made here (e.g. a private conversation the person is not in). */
    public static View refusal(String reason) {
        return view(v -> v.type("modal")
                .callbackId(CALLBACK_ID + "_refused")
                .title(viewTitle(t -> t.type("plain_text").text("New task")))
                .close(viewClose(c -> c.type("plain_text").text("Close")))
                .blocks(List.of(section(s -> s.blockId("refused").text(markdownText(":no_entry: " + SlackText.escape(reason)))))));
    }

    /** The channel picked in the form's channel picker, if it has one and one was picked. */
    public static Optional<String> channel(ViewState state) {
        Map<String, Map<String, ViewState.Value>> values =
                state == null || state.getValues() == null ? Map.of() : state.getValues();
        return value(values, Field.CHANNEL).map(ViewState.Value::getSelectedConversation).filter(TaskModal::present);
    }

    /** The raw values of a submitted modal; absent inputs and empty ones are both empty. */
    public static TaskForm read(ViewState state) {
        Map<String, Map<String, ViewState.Value>> values =
                state == null || state.getValues() == null ? Map.of() : state.getValues();
        return new TaskForm(
                text(values, Field.TITLE),
                text(values, Field.DESCRIPTION),
                value(values, Field.ASSIGNEE).map(ViewState.Value::getSelectedUser).filter(TaskModal::present),
                value(values, Field.DUE_DATE).map(ViewState.Value::getSelectedDate).filter(TaskModal::present),
                value(values, Field.DUE_TIME).map(ViewState.Value::getSelectedTime).filter(TaskModal::present),
                value(values, Field.PRIORITY).map(ViewState.Value::getSelectedOption)
                        .map(ViewState.SelectedOption::getValue).filter(TaskModal::present),
                text(values, Field.TAGS),
                text(values, Field.REMINDER));
    }

    /** What the Repeats input says, if anything (e.g. "every monday 9am"). */
    public static Optional<String> repeats(ViewState state) {
        return state == null || state.getValues() == null ? Optional.empty() : text(state.getValues(), Field.REPEATS);
    }

    /**
     * {@link TaskRules#check} problems (keyed by seed 001's field names) as the modal's inline errors
     * (keyed by block_id), for {@code response_action: errors}. A key the modal has no input for
     * lands on the title, so no problem is ever dropped; messages landing on one block are joined.
     */
    public static Map<String, String> errors(Map<String, String> taskFieldErrors) {
        Map<String, String> errors = new LinkedHashMap<>();
        taskFieldErrors.forEach((key, message) ->
                errors.merge(fieldFor(key).blockId(), message, (a, b) -> a + " " + b));
        return errors;
    }

    /** The input a {@link TaskRules} key belongs to; the title for keys the modal doesn't ask for. */
    public static Field fieldFor(String taskRulesKey) {
        return switch (taskRulesKey) {
            case "title" -> Field.TITLE;
            case "description" -> Field.DESCRIPTION;
            case "assigneeId", "assignee" -> Field.ASSIGNEE;
            case "dueDate" -> Field.DUE_DATE;
            case "warningOffset", "warning" -> Field.REMINDER;
            case "tags" -> Field.TAGS;
            case "repeats" -> Field.REPEATS;
            case "priority" -> Field.PRIORITY;
            default -> Field.TITLE;
        };
    }

    private static List<LayoutBlock> blocks(Prefill prefill) {
        List<LayoutBlock> blocks = new java.util.ArrayList<>();
        prefill.permalink().ifPresent(link -> blocks.add(context(c -> c.blockId("source")
                .elements(List.of(markdownText(":speech_balloon: From <" + link + "|this message>"))))));
        if (prefill.pickChannel()) {
            blocks.add(field(Field.CHANNEL, "Channel", false, conversationsSelect(e -> e.actionId(Field.CHANNEL.actionId())
                    .filter(ConversationsFilter.builder().include(List.of("public", "private")).excludeBotUsers(true).build())
                    .placeholder(plainText("Where is it posted?"))), "The task is posted there; you must be in it."));
        }
        blocks.addAll(List.of(
                field(Field.TITLE, "Title", false, plainTextInput(e -> e.actionId(Field.TITLE.actionId())
                        .maxLength(TaskRules.MAX_TITLE).initialValue(prefill.title().orElse(null))
                        .placeholder(plainText("What needs doing?"))), null),
                field(Field.DESCRIPTION, "Description", true, plainTextInput(e -> e.actionId(Field.DESCRIPTION.actionId())
                        .multiline(true).initialValue(prefill.description().orElse(null))
                        .maxLength(Math.min(TaskRules.MAX_DESCRIPTION, MAX_INPUT_LENGTH))), null),
                field(Field.ASSIGNEE, "Assignee", true, usersSelect(e -> e.actionId(Field.ASSIGNEE.actionId())
                        .initialUser(prefill.assignee().orElse(null))
                        .placeholder(plainText("Choose someone"))), prefill.assignee().isPresent()
                        ? "Suggested: the message's author." : null),
                field(Field.DUE_DATE, "Due date", true, datePicker(e -> e.actionId(Field.DUE_DATE.actionId())
                        .placeholder(plainText("Pick a date"))), "Without a time: 5:00 PM your time."),
                field(Field.DUE_TIME, "Due time", true, timePicker(e -> e.actionId(Field.DUE_TIME.actionId())
                        .placeholder(plainText("Pick a time"))), "Without a date: today, or tomorrow if that time has passed."),
                field(Field.PRIORITY, "Priority", false, staticSelect(e -> e.actionId(Field.PRIORITY.actionId())
                        .options(priorityOptions())
                        .initialOption(priorityOption(Priority.DEFAULT))), null),
                field(Field.TAGS, "Tags", true, plainTextInput(e -> e.actionId(Field.TAGS.actionId())
                        .placeholder(plainText("finance, q3"))), "Comma or space separated, e.g. finance, q3"),
                field(Field.REMINDER, "Remind before due (hours)", true, numberInput(e -> e.actionId(Field.REMINDER.actionId())
                        .decimalAllowed(true)
                        .maxValue(Long.toString(TaskRules.MAX_WARNING.toHours()))
                        .placeholder(plainText("e.g. 24 or 1.5"))), "Needs a due date."),
                field(Field.REPEATS, "Repeats", true, plainTextInput(e -> e.actionId(Field.REPEATS.actionId())
                        .placeholder(plainText("every monday 9am"))), "Also every day, every weekday 9:30, every 2 weeks, "
                        + "every month on the 1st. The next one is made when this one is due."),
                field(Field.APPROVERS, "Approvers", true, multiUsersSelect(e -> e.actionId(Field.APPROVERS.actionId())
                        .maxSelectedItems(ApprovalPlan.MAX_PARTICIPANTS)
                        .placeholder(plainText("Who must approve it?"))), "They get a request once the task is created."),
                field(Field.APPROVAL_MODE, "Approval needs", false, staticSelect(e -> e.actionId(Field.APPROVAL_MODE.actionId())
                        .options(List.of(option(plainText("Any one approver"), CompletionMode.ONE.stored()),
                                option(plainText("Any 2 approvers"), "2"), option(plainText("Any 3 approvers"), "3"),
                                option(plainText("Every approver"), CompletionMode.ALL.stored())))
                        .initialOption(option(plainText("Any one approver"), CompletionMode.ONE.stored()))), null)));
        return List.copyOf(blocks);
    }

    /**
     * The approval step asked for in the modal, if anyone was picked as an approver: one step, its
     * mode as chosen (any one approver when the choice is missing).
     */
    public static Optional<ApprovalPlan> approval(ViewState state) {
        Map<String, Map<String, ViewState.Value>> values =
                state == null || state.getValues() == null ? Map.of() : state.getValues();
        List<String> approvers = value(values, Field.APPROVERS).map(ViewState.Value::getSelectedUsers)
                .orElse(List.of());
        if (approvers == null || approvers.isEmpty()) {
            return Optional.empty();
        }
        CompletionMode mode = value(values, Field.APPROVAL_MODE).map(ViewState.Value::getSelectedOption)
                .map(ViewState.SelectedOption::getValue).flatMap(CompletionMode::parse).orElse(CompletionMode.ONE);
        return Optional.of(new ApprovalPlan(List.of(new ApprovalPlan.Step(approvers, mode, Optional.empty()))));
    }

    private static LayoutBlock field(Field field, String label, boolean optional, BlockElement element, String hint) {
        return input(b -> {
            b.blockId(field.blockId()).label(plainText(label)).optional(optional).element(element);
            if (hint != null) {
                b.hint(plainText(hint));
            }
            return b;
        });
    }

    private static List<OptionObject> priorityOptions() {
        return Arrays.stream(Priority.values()).map(TaskModal::priorityOption).toList();
    }

    private static OptionObject priorityOption(Priority p) {
        String word = p.name().charAt(0) + p.name().substring(1).toLowerCase(Locale.ROOT);
        return option(plainText(word), p.name());
    }

    private static Optional<ViewState.Value> value(Map<String, Map<String, ViewState.Value>> values, Field field) {
        return Optional.ofNullable(values.get(field.blockId())).map(actions -> actions.get(field.actionId()));
    }

    private static Optional<String> text(Map<String, Map<String, ViewState.Value>> values, Field field) {
        return value(values, field).map(ViewState.Value::getValue).filter(TaskModal::present);
    }

    private static boolean present(String s) {
        return !s.isBlank();
    }
}
