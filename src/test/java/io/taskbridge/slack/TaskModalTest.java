package io.taskbridge.slack;

import static io.taskbridge.slack.Fixtures.GSON;
import static io.taskbridge.slack.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.slack.api.model.view.ViewState;
import io.taskbridge.slack.TaskForm.Result;
import io.taskbridge.task.Priority;
import io.taskbridge.task.Status;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskRules;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TaskModalTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Saturday evening before Europe's clocks go forward (Sun 29 Mar 2026, 02:00 → 03:00). */
    private static final ZonedDateTime SAT_EVENING = ZonedDateTime.of(2026, 3, 28, 18, 0, 0, 0, BERLIN);

    private static JsonObject view() {
        return json(TaskModal.create("C123|U456")).getAsJsonObject();
    }

    /** {@code view.state} as Slack sends it in a view_submission, read with Slack's own Gson. */
    private static ViewState state(String valuesJson) {
        return GSON.fromJson("{\"values\":" + valuesJson + "}", ViewState.class);
    }

    private static TaskDraft draft(Result result) {
        assertThat(result).isInstanceOf(Result.Draft.class);
        return ((Result.Draft) result).draft();
    }

    private static Map<String, String> errors(Result result) {
        assertThat(result).isInstanceOf(Result.Errors.class);
        return ((Result.Errors) result).errors();
    }

    private static TaskForm form(Optional<String> date, Optional<String> time) {
        return new TaskForm(Optional.of("T"), Optional.empty(), Optional.empty(), date, time,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void theModalHasItsCallbackIdButtonsAndMetadata() {
        JsonObject view = view();

        assertThat(view.get("type").getAsString()).isEqualTo("modal");
        assertThat(view.get("callback_id").getAsString()).isEqualTo("task_create").isEqualTo(TaskModal.CALLBACK_ID);
        assertThat(view.get("private_metadata").getAsString()).isEqualTo("C123|U456");
        assertThat(view.getAsJsonObject("title").get("text").getAsString()).isEqualTo("New task");
        assertThat(view.getAsJsonObject("submit").get("text").getAsString()).isEqualTo("Create");
        assertThat(view.getAsJsonObject("close").get("text").getAsString()).isEqualTo("Cancel");
        assertThatThrownBy(() -> TaskModal.create("x".repeat(3001))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyInputHasItsStableBlockIdActionIdAndElementType() {
        JsonArray blocks = view().getAsJsonArray("blocks");
        List<String> rows = new ArrayList<>();
        blocks.forEach(b -> {
            JsonObject block = b.getAsJsonObject();
            JsonObject element = block.getAsJsonObject("element");
            rows.add(block.get("type").getAsString() + " " + block.get("block_id").getAsString() + " "
                    + element.get("action_id").getAsString() + " " + element.get("type").getAsString()
                    + (block.get("optional").getAsBoolean() ? " optional" : " required"));
        });

        assertThat(rows).containsExactly(
                "input title title_input plain_text_input required",
                "input description description_input plain_text_input optional",
                "input assignee assignee_select users_select optional",
                "input due_date due_date_picker datepicker optional",
                "input due_time due_time_picker timepicker optional",
                "input priority priority_select static_select required",
                "input tags tags_input plain_text_input optional",
                "input reminder reminder_hours number_input optional",
                "input repeats repeats_input plain_text_input optional",
                "input approvers approvers_select multi_users_select optional",
                "input approval_mode approval_mode_select static_select required");
        assertThat(Arrays.stream(TaskModal.Field.values()).map(TaskModal.Field::blockId))
                .containsExactly("title", "description", "assignee", "due_date", "due_time", "priority", "tags", "reminder", "repeats",
                        "approvers", "approval_mode", "channel");
        // The channel is asked only where the form was not opened in one (the lightning menu, the App Home).
        JsonObject picking = json(TaskModal.create("", new TaskModal.Prefill(java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), true))).getAsJsonObject();
        JsonObject first = picking.getAsJsonArray("blocks").get(0).getAsJsonObject();
        assertThat(first.get("block_id").getAsString() + " " + first.getAsJsonObject("element").get("action_id").getAsString()
                + " " + first.getAsJsonObject("element").get("type").getAsString() + " " + first.get("optional").getAsBoolean())
                .isEqualTo("channel channel_select conversations_select false");
    }

    @Test
    void inputsCarryTheirLimitsAndDefaults() {
        JsonArray blocks = view().getAsJsonArray("blocks");
        JsonObject title = Fixtures.blockById(blocks, "title").getAsJsonObject("element");
        JsonObject description = Fixtures.blockById(blocks, "description").getAsJsonObject("element");
        JsonObject priority = Fixtures.blockById(blocks, "priority").getAsJsonObject("element");
        JsonObject reminder = Fixtures.blockById(blocks, "reminder");
        JsonObject tags = Fixtures.blockById(blocks, "tags");

        assertThat(title.get("max_length").getAsInt()).as("titles up to 500 characters").isEqualTo(500);
        assertThat(description.get("multiline").getAsBoolean()).isTrue();
        assertThat(description.get("max_length").getAsInt()).isEqualTo(3000);
        List<String> options = new ArrayList<>();
        priority.getAsJsonArray("options").forEach(o -> options.add(o.getAsJsonObject().get("value").getAsString()
                + "=" + o.getAsJsonObject().getAsJsonObject("text").get("text").getAsString()));
        assertThat(options).containsExactly("LOW=Low", "MEDIUM=Medium", "HIGH=High", "URGENT=Urgent");
        assertThat(priority.getAsJsonObject("initial_option").get("value").getAsString()).isEqualTo("MEDIUM");
        assertThat(reminder.getAsJsonObject("label").get("text").getAsString()).isEqualTo("Remind before due (hours)");
        assertThat(reminder.getAsJsonObject("element").get("is_decimal_allowed").getAsBoolean()).isTrue();
        assertThat(reminder.getAsJsonObject("element").get("max_value").getAsString()).isEqualTo("8760");
        assertThat(tags.getAsJsonObject("hint").get("text").getAsString())
                .isEqualTo("Comma or space separated, e.g. finance, q3");
    }

    @Test
    void aFullSubmissionAsSlackSendsItBecomesADraft() {
        ViewState state = state("""
                {
                  "title": {"title_input": {"type": "plain_text_input", "value": "  Review the Q3 report "}},
                  "description": {"description_input": {"type": "plain_text_input", "value": "Numbers from finance"}},
                  "assignee": {"assignee_select": {"type": "users_select", "selected_user": "U123ABC"}},
                  "due_date": {"due_date_picker": {"type": "datepicker", "selected_date": "2026-11-27"}},
                  "due_time": {"due_time_picker": {"type": "timepicker", "selected_time": "09:30"}},
                  "priority": {"priority_select": {"type": "static_select",
                      "selected_option": {"text": {"type": "plain_text", "text": "High", "emoji": true}, "value": "HIGH"}}},
                  "tags": {"tags_input": {"type": "plain_text_input", "value": "finance, #q3  budget,,#q3"}},
                  "reminder": {"reminder_hours": {"type": "number_input", "value": "1.5"}}
                }""");

        TaskForm form = TaskModal.read(state);
        assertThat(form).isEqualTo(new TaskForm(Optional.of("  Review the Q3 report "), Optional.of("Numbers from finance"),
                Optional.of("U123ABC"), Optional.of("2026-11-27"), Optional.of("09:30"), Optional.of("HIGH"),
                Optional.of("finance, #q3  budget,,#q3"), Optional.of("1.5")));

        TaskDraft draft = draft(form.toDraft(SAT_EVENING));
        assertThat(draft.title()).isEqualTo("Review the Q3 report");
        assertThat(draft.description()).contains("Numbers from finance");
        assertThat(draft.status()).isEqualTo(Status.TODO);
        assertThat(draft.priority()).isEqualTo(Priority.HIGH);
        assertThat(draft.assignee()).contains("U123ABC");
        assertThat(draft.dueDate()).contains(Instant.parse("2026-11-27T08:30:00Z"));
        assertThat(draft.warning()).contains(Duration.ofMinutes(90));
        assertThat(draft.tags()).containsExactly("finance", "q3", "budget");
    }

    @Test
    void anEmptySubmissionGivesDefaultsAndNullValuesAreEmpty() {
        ViewState state = state("""
                {
                  "title": {"title_input": {"type": "plain_text_input", "value": "Call Bob"}},
                  "description": {"description_input": {"type": "plain_text_input", "value": null}},
                  "assignee": {"assignee_select": {"type": "users_select", "selected_user": null}},
                  "due_date": {"due_date_picker": {"type": "datepicker", "selected_date": null}},
                  "due_time": {"due_time_picker": {"type": "timepicker", "selected_time": null}},
                  "priority": {"priority_select": {"type": "static_select", "selected_option": null}},
                  "tags": {"tags_input": {"type": "plain_text_input", "value": "  "}},
                  "reminder": {"reminder_hours": {"type": "number_input", "value": null}}
                }""");

        TaskDraft draft = draft(TaskModal.read(state).toDraft(SAT_EVENING));

        assertThat(draft).isEqualTo(TaskDraft.titled("Call Bob"));
        assertThat(TaskModal.read(new ViewState()).title()).isEmpty();
    }

    @Test
    void aDateWithoutATimeMeansFivePmInTheZoneOnEitherSideOfTheDstChange() {
        // Saturday: still CET (UTC+1). Monday: CEST (UTC+2).
        assertThat(draft(form(Optional.of("2026-03-28"), Optional.empty()).toDraft(SAT_EVENING.minusHours(8))).dueDate())
                .contains(Instant.parse("2026-03-28T16:00:00Z"));
        assertThat(draft(form(Optional.of("2026-03-30"), Optional.empty()).toDraft(SAT_EVENING)).dueDate())
                .contains(Instant.parse("2026-03-30T15:00:00Z"));
        // And back in October: Sun 25 Oct is already CET again at 17:00.
        assertThat(draft(form(Optional.of("2026-10-24"), Optional.empty()).toDraft(SAT_EVENING)).dueDate())
                .contains(Instant.parse("2026-10-24T15:00:00Z"));
        assertThat(draft(form(Optional.of("2026-10-25"), Optional.empty()).toDraft(SAT_EVENING)).dueDate())
                .contains(Instant.parse("2026-10-25T16:00:00Z"));
    }

    @Test
    void aTimeWithoutADateMeansTodayOrTomorrowWhenItHasPassed() {
        assertThat(draft(form(Optional.empty(), Optional.of("20:15")).toDraft(SAT_EVENING)).dueDate())
                .contains(Instant.parse("2026-03-28T19:15:00Z"));
        // 09:00 has passed on Saturday: Sunday 09:00, which is summer time already.
        assertThat(draft(form(Optional.empty(), Optional.of("09:00")).toDraft(SAT_EVENING)).dueDate())
                .contains(Instant.parse("2026-03-29T07:00:00Z"));
        // Exactly now is not in the future.
        assertThat(draft(form(Optional.empty(), Optional.of("18:00")).toDraft(SAT_EVENING)).dueDate())
                .contains(Instant.parse("2026-03-29T16:00:00Z"));
    }

    @Test
    void unreadableValuesAreReportedOnTheirOwnBlocks() {
        TaskForm bad = new TaskForm(Optional.of("T"), Optional.empty(), Optional.empty(), Optional.of("27.11.2026"),
                Optional.of("half past nine"), Optional.of("SOMEDAY"), Optional.empty(), Optional.of("a day"));

        assertThat(errors(bad.toDraft(SAT_EVENING))).containsOnlyKeys("due_date", "due_time", "priority", "reminder")
                .containsEntry("reminder", "Enter the hours as a number, e.g. 24 or 1.5.")
                .containsEntry("due_date", "That date couldn't be read; pick one from the calendar.");
    }

    @Test
    void reminderHoursAcceptDecimalsAndRejectExponents() {
        TaskForm base = form(Optional.of("2026-11-27"), Optional.empty());
        TaskForm[] forms = {
            withReminder(base, "24"), withReminder(base, "0.25"), withReminder(base, ".5"), withReminder(base, "2,5"),
        };
        assertThat(Arrays.stream(forms).map(f -> draft(f.toDraft(SAT_EVENING)).warning().orElseThrow()))
                .containsExactly(Duration.ofHours(24), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(150));
        assertThat(errors(withReminder(base, "1e999999999").toDraft(SAT_EVENING))).containsOnlyKeys("reminder");
    }

    private static TaskForm withReminder(TaskForm f, String hours) {
        return new TaskForm(f.title(), f.description(), f.assignee(), f.dueDate(), f.dueTime(), f.priority(), f.tags(),
                Optional.of(hours));
    }

    @Test
    void tagsSplitAtCommasAndWhitespaceWithoutHashes() {
        assertThat(TaskForm.parseTags(" #finance,q3\n##budget , ,")).containsExactly("finance", "q3", "budget");
    }

    @Test
    void everyTaskRulesProblemLandsOnAnInputOfTheModal() {
        Instant now = Instant.parse("2026-11-20T12:00:00Z");
        TaskDraft everythingWrong = new TaskDraft(" ", Optional.of("d".repeat(TaskRules.MAX_DESCRIPTION + 1)),
                Status.TODO, Priority.MEDIUM, Optional.empty(), Optional.of(now.minusSeconds(60)),
                Optional.of(Duration.ZERO), IntStream.range(0, 11).mapToObj(i -> "t" + i).toList());
        Map<String, String> problems = TaskRules.check(everythingWrong, Optional.empty(), now);
        assertThat(problems).containsOnlyKeys("title", "description", "dueDate", "warningOffset", "tags");

        Map<String, String> errors = TaskModal.errors(problems);

        Set<String> blockIds = Arrays.stream(TaskModal.Field.values()).map(TaskModal.Field::blockId)
                .collect(Collectors.toSet());
        assertThat(blockIds).containsAll(errors.keySet());
        assertThat(errors).containsOnly(
                Map.entry("title", "Title is required."),
                Map.entry("description", problems.get("description")),
                Map.entry("due_date", "Due date must be in the future."),
                Map.entry("reminder", "The reminder offset must be more than zero."),
                Map.entry("tags", problems.get("tags")));
    }

    @Test
    void seedFieldsTheRulesMayReportAndUnknownKeysStillLandSomewhere() {
        assertThat(TaskModal.errors(Map.of("assigneeId", "Nobody by that name.")))
                .containsExactly(Map.entry("assignee", "Nobody by that name."));
        assertThat(TaskModal.errors(Map.of("priority", "No such priority.")))
                .containsExactly(Map.entry("priority", "No such priority."));
        Map<String, String> twoOnTitle = new java.util.LinkedHashMap<>();
        twoOnTitle.put("title", "Too long.");
        twoOnTitle.put("status", "Not allowed.");
        Map<String, String> merged = TaskModal.errors(twoOnTitle);
        assertThat(merged).containsExactly(Map.entry("title", "Too long. Not allowed."));
    }
}
