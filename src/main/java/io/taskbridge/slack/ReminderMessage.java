package io.taskbridge.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import io.taskbridge.task.ReminderKind;
import io.taskbridge.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reminders, the overdue digest and notices, as Slack messages. A reminder carries three buttons
 * whose value is the task id: {@link #SNOOZE_HOUR}, {@link #SNOOZE_TOMORROW} and {@link #DONE}.
 */
public final class ReminderMessage {
    /** action_id of "Snooze 1h". */
    public static final String SNOOZE_HOUR = "reminder_snooze_1h";
    /** action_id of "Snooze until tomorrow 9:00" (in the clicker's zone). */
    public static final String SNOOZE_TOMORROW = "reminder_snooze_tomorrow";
    /** action_id of "Done". */
    public static final String DONE = "reminder_done";
    /** block_id prefix of a reminder's buttons; the task id follows. */
    public static final String ACTIONS_BLOCK = "reminder_actions:";
    /** The digest lists at most this many tasks, then says how many more there are. */
    static final int DIGEST_MAX = 12;

    private static final ZoneId UTC = ZoneId.of("UTC");

    private ReminderMessage() {}

    /** The reminder as mrkdwn, e.g. ":alarm_clock: *#42 Review the Q3 report* is due <date> (in 24 h)." */
    public static String line(Task task, ReminderKind kind, Instant now) {
        String subject = "*" + TaskWords.idAndTitle(task, SlackText.SECTION_MAX / 2) + "*";
        Optional<Instant> due = task.dueDate();
        String when = due.map(SlackDates::token).orElse("");
        String lead = switch (kind) {
            case WARNING -> ":alarm_clock: " + subject + " is due " + when
                    + due.map(d -> " (in " + SlackDates.offset(positive(Duration.between(now, d))) + ")").orElse("");
            case DUE -> ":alarm_clock: " + subject + " is due now" + (due.isPresent() ? " (" + when + ")" : "");
            case OVERDUE -> ":warning: " + subject + " is overdue: it was due " + when;
            case SNOOZE -> ":alarm_clock: Reminder (snoozed): " + subject + (due.isPresent() ? ", due " + when : "");
            case APPROVAL -> ":raised_hand: " + subject + " is waiting for your approval"
                    + (due.isPresent() ? ", due " + when : "");
            case APPROVAL_DAY_BEFORE -> ":raised_hand: " + subject + " is waiting for your approval: the step is due in 24 h";
            case APPROVAL_HOUR_BEFORE -> ":raised_hand: " + subject + " is waiting for your approval: the step is due in 1 h";
        };
        String to = kind.personal() ? "" : task.assignee().map(a -> " " + SlackText.person(Optional.of(a))).orElse("");
        return lead + "." + to;
    }

    /** Notification text: plain words, the due date in UTC (notifications don't render date tokens). */
    public static String text(Task task, ReminderKind kind) {
        String title = "#" + task.id() + " " + SlackText.escape(task.title(), 200);
        String due = task.dueDate().map(d -> SlackDates.plain(d, UTC)).orElse("");
        return switch (kind) {
            case WARNING, SNOOZE -> "Reminder: " + title + (due.isEmpty() ? "" : " is due " + due);
            case DUE -> "Due now: " + title;
            case OVERDUE -> "Overdue: " + title + (due.isEmpty() ? "" : " was due " + due);
            case APPROVAL, APPROVAL_DAY_BEFORE, APPROVAL_HOUR_BEFORE -> "Waiting for your approval: " + title;
        };
    }

    public static List<LayoutBlock> blocks(Task task, ReminderKind kind, Instant now) {
        String id = Long.toString(task.id());
        return List.of(
                section(s -> s.blockId("reminder:" + task.id()).text(markdownText(line(task, kind, now)))),
                actions(a -> a.blockId(ACTIONS_BLOCK + task.id()).elements(List.of(
                        button(b -> b.actionId(SNOOZE_HOUR).text(plainText("Snooze 1h")).value(id)),
                        button(b -> b.actionId(SNOOZE_TOMORROW).text(plainText("Snooze until tomorrow 9:00")).value(id)),
                        button(b -> b.actionId(DONE).text(plainText("Done")).value(id).style("primary"))))));
    }

    /** The daily digest: one line per overdue task, oldest due date first. */
    public static String digest(List<Task> overdue, Instant now) {
        StringBuilder text = new StringBuilder(":warning: *Overdue tasks in this channel* (" + overdue.size() + ")");
        overdue.stream().limit(DIGEST_MAX).forEach(t -> text.append("\n• `#").append(t.id()).append("` ")
                .append(SlackText.escape(t.title(), Replies.LIST_TITLE_MAX))
                .append(" · due ").append(t.dueDate().map(SlackDates::token).orElse("?"))
                .append(" · ").append(SlackText.person(t.assignee())));
        if (overdue.size() > DIGEST_MAX) {
            text.append("\n…and ").append(overdue.size() - DIGEST_MAX).append(" more: `/task list overdue`.");
        }
        return text.toString();
    }

    public static String digestText(List<Task> overdue) {
        return overdue.size() == 1 ? "1 overdue task in this channel" : overdue.size() + " overdue tasks in this channel";
    }

    public static List<LayoutBlock> digestBlocks(List<Task> overdue, Instant now) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.blockId("overdue_digest").text(markdownText(
                digest(overdue, now)))));
        return List.copyOf(blocks);
    }

    /** To a task's creator when the bot may not post in the task's channel. */
    public static String notInChannel(Task task, String channel, String error) {
        return ":warning: I couldn't post task *" + TaskWords.idAndTitle(task, 200) + "* in <#" + channel + "> ("
                + ("channel_not_found".equals(error) ? "I can't see that channel" : "I'm not a member of it")
                + "). Invite me there with `/invite @Taskbridge` and its reminders and updates will follow.";
    }

    /** What replaces a reminder after Snooze. */
    public static String snoozed(long taskId, Instant until) {
        return ":zzz: Snoozed: I'll remind you about task #" + taskId + " " + SlackDates.token(until) + ".";
    }

    /** What replaces a reminder after Done. */
    public static String done(long taskId, String user) {
        return ":white_check_mark: Task #" + taskId + " marked done by <@" + user + ">.";
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
