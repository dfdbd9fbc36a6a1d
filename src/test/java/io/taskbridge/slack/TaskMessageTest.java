package io.taskbridge.slack;

import static io.taskbridge.slack.Fixtures.DUE;
import static io.taskbridge.slack.Fixtures.DUE_EPOCH;
import static io.taskbridge.slack.Fixtures.full;
import static io.taskbridge.slack.Fixtures.json;
import static io.taskbridge.slack.Fixtures.task;
import static io.taskbridge.slack.Fixtures.texts;
import static io.taskbridge.slack.Fixtures.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.taskbridge.task.Priority;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TaskMessageTest {
    private static final Instant BEFORE_DUE = DUE.minus(Duration.ofDays(2));
    private static final Instant AFTER_DUE = DUE.plus(Duration.ofHours(1));

    private static JsonArray blocks(Task task, Instant now) {
        return json(TaskMessage.blocks(task, now)).getAsJsonArray();
    }

    private static JsonArray buttons(JsonArray blocks, long id) {
        return Fixtures.blockById(blocks, "task_actions:" + id).getAsJsonArray("elements");
    }

    @Test
    void aTaskToDoOffersStartAndDoneCarryingItsId() {
        JsonArray blocks = blocks(full(42, Status.TODO), BEFORE_DUE);

        JsonArray buttons = buttons(blocks, 42);
        assertThat(buttons).hasSize(2);
        JsonObject start = buttons.get(0).getAsJsonObject();
        JsonObject done = buttons.get(1).getAsJsonObject();
        assertThat(start.get("type").getAsString()).isEqualTo("button");
        assertThat(start.get("action_id").getAsString()).isEqualTo("task_start").isEqualTo(TaskMessage.START);
        assertThat(start.get("value").getAsString()).isEqualTo("42");
        assertThat(start.getAsJsonObject("text").get("text").getAsString()).isEqualTo("Start");
        assertThat(start.has("style")).isFalse();
        assertThat(done.get("action_id").getAsString()).isEqualTo("task_done").isEqualTo(TaskMessage.DONE);
        assertThat(done.get("value").getAsString()).isEqualTo("42");
        assertThat(done.get("style").getAsString()).isEqualTo("primary");
        assertThat(done.getAsJsonObject("text").get("text").getAsString()).isEqualTo("Done");
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"IN_PROGRESS", "REVIEW"})
    void aStartedTaskOffersOnlyDone(Status status) {
        JsonArray buttons = buttons(blocks(full(7, status), BEFORE_DUE), 7);

        assertThat(buttons).hasSize(1);
        assertThat(buttons.get(0).getAsJsonObject().get("action_id").getAsString()).isEqualTo("task_done");
        assertThat(buttons.get(0).getAsJsonObject().get("value").getAsString()).isEqualTo("7");
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"DONE", "CANCELED"})
    void aClosedTaskHasNoButtonsButSaysWhy(Status status) {
        JsonArray blocks = blocks(full(9, status), AFTER_DUE);

        assertThat(types(blocks)).doesNotContain("actions");
        assertThat(blocks.toString()).doesNotContain("task_start").doesNotContain("task_done");
        JsonObject last = blocks.get(blocks.size() - 1).getAsJsonObject();
        assertThat(last.get("type").getAsString()).isEqualTo("context");
        assertThat(last.get("block_id").getAsString()).isEqualTo("task_closed:9");
        assertThat(texts(last)).containsExactly(status == Status.DONE
                ? ":white_check_mark: This task is done." : ":no_entry_sign: This task was canceled.");
        // A closed task is never overdue, even past its due date.
        assertThat(String.join("\n", texts(blocks))).doesNotContain("overdue");
    }

    @Test
    void showsTitleStatusAssigneeDuePriorityTagsAndReminder() {
        List<String> texts = texts(blocks(full(42, Status.IN_PROGRESS), BEFORE_DUE));

        assertThat(texts).startsWith("*#42 Review the Q3 report*");
        assertThat(texts).contains(
                "*Status*\n:large_blue_circle: In progress",
                "*Assignee*\n<@U123ABC>",
                "*Due*\n<!date^" + DUE_EPOCH + "^{date_short_pretty} at {time}|2026-11-27T16:00:00Z>",
                "*Priority*\n:red_circle: Urgent",
                "*Tags*\n#finance #q3",
                "*Reminder*\n24 h before due",
                "Numbers from finance.");
    }

    @Test
    void theDueDateIsMarkedOverdueOnceItHasPassedOnAnOpenTask() {
        List<String> texts = texts(blocks(full(42, Status.REVIEW), AFTER_DUE));

        assertThat(texts).contains("*Due*\n<!date^" + DUE_EPOCH
                + "^{date_short_pretty} at {time}|2026-11-27T16:00:00Z> :warning: *overdue*");
    }

    @Test
    void aBareTaskIsUnassignedAndSaysNothingAboutMediumPriorityOrMissingFields() {
        JsonArray blocks = blocks(task(5, "Water the plants", Status.TODO), BEFORE_DUE);
        JsonObject fields = Fixtures.blockById(blocks, "task_fields:5");

        assertThat(texts(fields.getAsJsonArray("fields")))
                .containsExactly("*Status*\n:white_circle: To do", "*Assignee*\nUnassigned");
        assertThat(types(blocks)).containsExactly("section", "section", "actions");
    }

    @Test
    void lowPriorityIsSaidInAPlainWord() {
        Task low = task(5, "Tidy", Status.TODO);
        low = new Task(5, "Tidy", Optional.empty(), Status.TODO, Priority.LOW, Optional.empty(), "U0", Optional.empty(),
                Optional.empty(), List.of(), low.createdAt(), low.updatedAt(), Optional.empty(), 1, Fixtures.WORKSPACE);

        assertThat(texts(blocks(low, BEFORE_DUE))).contains("*Priority*\n:small_blue_diamond: Low");
    }

    @Test
    void aHostileTitleCannotMentionOrLink() {
        Task hostile = task(13, "<!channel> & <@U1> <https://evil.example|click>", Status.TODO);

        String all = String.join("\n", texts(blocks(hostile, BEFORE_DUE)));

        assertThat(all).contains("*#13 &lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://evil.example|click&gt;*");
        assertThat(all).doesNotContain("<!channel>").doesNotContain("<@U1>").doesNotContain("<https:");
        assertThat(TaskMessage.text(hostile))
                .isEqualTo("Task #13: &lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://evil.example|click&gt;");
    }

    @Test
    void hostileDescriptionTagsAndForeignAssigneeAreEscapedToo() {
        Task t = new Task(8, "T", Optional.of("<!here> please"), Status.TODO, Priority.MEDIUM,
                Optional.of("alice@example.com>|<!everyone"), "U0", Optional.empty(), Optional.empty(),
                List.of("a<b"), Fixtures.CREATED, Fixtures.CREATED, Optional.empty(), 1, Fixtures.WORKSPACE);

        List<String> texts = texts(blocks(t, BEFORE_DUE));

        assertThat(texts).contains("&lt;!here&gt; please", "*Tags*\n#a&lt;b",
                "*Assignee*\nalice@example.com&gt;|&lt;!everyone");
        assertThat(String.join("", texts)).doesNotContain("<!");
    }

    @Test
    void aLongDescriptionIsCutToSlacksSectionLimitAndSaysSo() {
        String description = "&".repeat(9_000);
        Task t = new Task(8, "T", Optional.of(description), Status.TODO, Priority.MEDIUM, Optional.empty(), "U0",
                Optional.empty(), Optional.empty(), List.of(), Fixtures.CREATED, Fixtures.CREATED, Optional.empty(), 1, Fixtures.WORKSPACE);

        JsonArray blocks = blocks(t, BEFORE_DUE);
        String shown = texts(Fixtures.blockById(blocks, "task_description:8")).get(0);

        assertThat(shown).hasSizeLessThanOrEqualTo(3000).endsWith("&amp;…").startsWith("&amp;&amp;");
        assertThat(shown.length()).isEqualTo(599 * 5 + 1);
        assertThat(texts(blocks)).contains("Description shortened; `/task show 8` has all of it.");
    }

    @Test
    void notificationTextIsPlainWithTheZoneNamed() {
        assertThat(TaskMessage.text(full(42, Status.TODO)))
                .isEqualTo("Task #42: Review the Q3 report — due Fri 27 Nov 2026, 4:00 PM UTC");
        assertThat(TaskMessage.text(full(42, Status.IN_PROGRESS)))
                .isEqualTo("Task #42: Review the Q3 report — in progress, due Fri 27 Nov 2026, 4:00 PM UTC");
        assertThat(TaskMessage.text(full(42, Status.DONE))).isEqualTo("Task #42: Review the Q3 report — done");
        assertThat(TaskMessage.text(task(3, "Bare", Status.TODO))).isEqualTo("Task #3: Bare");
    }

    @Test
    void buttonValuesReadBackAsTaskIds() {
        assertThat(TaskMessage.taskId("42")).isEqualTo(OptionalLong.of(42));
        assertThat(TaskMessage.taskId("0")).isEmpty();
        assertThat(TaskMessage.taskId("42x")).isEmpty();
        assertThat(TaskMessage.taskId("")).isEmpty();
    }
}
