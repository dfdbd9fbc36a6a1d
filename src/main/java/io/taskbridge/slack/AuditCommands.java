package io.taskbridge.slack;

import io.taskbridge.access.TaskAccess;
import io.taskbridge.audit.AuditEntry;
import io.taskbridge.audit.AuditLog;
import io.taskbridge.command.Command;
import io.taskbridge.task.TaskProblem;

/**
 * {@code /task history 42}: the task's audit trail, shown only to the person who asked, and only if
 * they may see the task (anyone else hears exactly what a task number never used answers). A page
 * holds {@link #PAGE} rows, each cut to a line, so a reply stays well inside what Slack shows.
 */
final class AuditCommands {
    static final int PAGE = 15;
    static final int MAX_DETAILS = 150;

    private final AuditLog audit;
    private final TaskAccess access;

    AuditCommands(AuditLog audit, TaskAccess access) {
        this.audit = audit;
        this.access = access;
    }

    void register(CommandHandlers handlers) {
        handlers.on(Command.History.class, (history, caller, key) -> history(history, caller));
    }

    private String history(Command.History command, Caller caller) {
        long id = command.taskId();
        access.in(caller.workspace()).see(caller.asker(), id).orElseThrow(() -> new TaskProblem.NotFound(id));
        AuditLog.Numbered page = audit.numberedPage(id, command.page(), PAGE);
        if (page.total() == 0) {
            return "Task #" + id + " has no history recorded yet.";
        }
        if (page.entries().isEmpty()) {
            return "Task #" + id + "'s history has " + page.pages() + " page(s); there is no page " + page.number() + ".";
        }
        StringBuilder out = new StringBuilder("*History of task #" + id + "* (page " + page.number() + " of "
                + page.pages() + ", oldest first)\n");
        for (AuditEntry e : page.entries()) {
            out.append("• ").append(SlackDates.token(e.at())).append("  ").append(who(e.actor()))
                    .append(" `").append(e.action().word()).append("` ")
                    .append(SlackText.escape(e.details(), MAX_DETAILS))
                    .append(" _(").append(e.source().word()).append(")_\n");
        }
        if (page.number() < page.pages()) {
            out.append("More: `/task history ").append(id).append(" page ").append(page.number() + 1).append('`');
        }
        return out.toString().stripTrailing();
    }

    private static String who(String actor) {
        return SlackText.isUserId(actor) ? "<@" + actor + ">" : "*" + SlackText.escape(actor, 60) + "*";
    }
}
