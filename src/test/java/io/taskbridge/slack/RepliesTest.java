package io.taskbridge.slack;

import static io.taskbridge.slack.Fixtures.DUE;
import static io.taskbridge.slack.Fixtures.DUE_EPOCH;
import static io.taskbridge.slack.Fixtures.full;
import static io.taskbridge.slack.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.task.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepliesTest {
    private static final String TOKEN = "<!date^" + DUE_EPOCH + "^{date_short_pretty} at {time}|2026-11-27T16:00:00Z>";
    private static final Instant BEFORE_DUE = DUE.minus(Duration.ofDays(1));

    @Test
    void createdConfirmsWithIdTitleAssigneeAndDueToken() {
        assertThat(Replies.created(full(42, Status.TODO)))
                .isEqualTo("Created task *#42 Review the Q3 report*, assigned to <@U123ABC>, due " + TOKEN + ".");
        assertThat(Replies.created(task(3, "Call <!here>", Status.TODO)))
                .isEqualTo("Created task *#3 Call &lt;!here&gt;*.");
    }

    @Test
    void changedSaysTheStatusNow() {
        assertThat(Replies.changed(full(42, Status.DONE))).isEqualTo(
                "Task *#42 Review the Q3 report* is now :white_check_mark: Done, assigned to <@U123ABC>, due " + TOKEN + ".");
    }

    @Test
    void anEmptyListSaysSoAndHowToCreateOne() {
        String reply = Replies.list(List.of(), "Your open tasks", BEFORE_DUE);

        assertThat(reply).isEqualTo("*Your open tasks*\n"
                + "No tasks. Create one with `/task add Water the plants`, or just `/task` for a form.");
        assertThat(reply).doesNotContain("<");
    }

    @Test
    void aListHasOneCompactLinePerTask() {
        String reply = Replies.list(List.of(full(42, Status.IN_PROGRESS), task(7, "A & B", Status.TODO)),
                "Tasks for <@U123ABC>", DUE.plusSeconds(1));

        assertThat(reply.split("\n")).containsExactly(
                "*Tasks for <@U123ABC>*",
                "• `#42` Review the Q3 report — :large_blue_circle: In progress · due " + TOKEN
                        + " :warning: *overdue* · <@U123ABC>",
                "• `#7` A &amp; B — :white_circle: To do · Unassigned");
    }

    @Test
    void listLinesCutLongTitles() {
        String reply = Replies.list(List.of(task(1, "x".repeat(400), Status.TODO)), "All", BEFORE_DUE);

        assertThat(reply).contains("• `#1` " + "x".repeat(99) + "… — ");
    }

    @Test
    void showHasEveryDetail() {
        assertThat(Replies.show(full(42, Status.REVIEW), BEFORE_DUE).split("\n")).containsExactly(
                "*#42 Review the Q3 report*",
                "Status: :eyes: In review",
                "Assignee: <@U123ABC>",
                "Due: " + TOKEN,
                "Priority: :red_circle: Urgent",
                "Tags: #finance #q3",
                "Reminder: 24 h before due",
                "Created by <@U0CREATOR>, <!date^1795165200^{date_short_pretty} at {time}|2026-11-20T09:00:00Z>",
                ">>>Numbers from finance.");
        assertThat(Replies.show(task(2, "Bare", Status.TODO), BEFORE_DUE)).contains("Due: no due date\n");
    }
}
