package io.taskbridge.command;

/**
 * What people read about {@code /task}: the help text for {@code /task help} and the usage line
 * of each subcommand, in Slack mrkdwn. The one place these words live; {@link CommandParser}
 * quotes its usage lines from here.
 */
public final class Usage {

    public static final String ADD =
            "`/task add <title> [@person] [due <when>] [!low|!medium|!high|!urgent] [#tag …] [remind <24h|90m|1d>]"
                    + " [every <day|weekday|monday|2 weeks|month on the 1st> [9am]]`";
    public static final String LIST = "`/task list [@person] [overdue] [#tag]`";
    public static final String SHOW = "`/task show <task number>`";
    public static final String START = "`/task start <task number>`";
    public static final String DONE = "`/task done <task number>`";
    public static final String CANCEL = "`/task cancel <task number>`";
    public static final String ASSIGN = "`/task assign <task number> @person`";
    public static final String DUE = "`/task due <task number> <when>` or `/task due <task number> none`";
    public static final String DIGEST = "`/task digest <HH:MM> [time zone]` or `/task digest off`";
    public static final String HELP = "`/task help`";
    public static final String RECURRING = "`/task recurring`";
    public static final String STOP = "`/task stop <task number>`";
    public static final String HISTORY = "`/task history <task number> [page <n>]`";
    public static final String REVIEW =
            "`/task review <task number> @person|@group … [all|any <n>] [due <when> [then escalate @person|then expire]]"
                    + " [then @person … ]`";
    public static final String DELEGATE = "`/task delegate <task number> [@approver] @person`";
    public static final String APPROVALS = "`/task approvals`";
    public static final String CONNECT = "`/task connect workiva|awork|taskapi|builtin`";
    public static final String LINK = "`/task link @person <their user id in the task system> [workiva|awork|taskapi]`";
    public static final String SUBSCRIBE =
            "`/task subscribe <workiva|awork|taskapi> [assignee:@person] [status:<status>] [title:\"words\"]`";
    public static final String UNSUBSCRIBE = "`/task unsubscribe <workiva|awork|taskapi>`";
    public static final String SUBSCRIPTIONS = "`/task subscriptions`";

    /** For when we cannot tell which subcommand was meant. */
    public static final String GENERAL =
            "Create a task with `/task add <title> …`, or see everything with `/task help`.";

    /** The answer to {@code /task help}. */
    public static final String HELP_TEXT = """
            *`/task`: tasks without leaving Slack*
            • `/task`: open the form to create a task
            • `/task add Review the Q3 report @alice due friday 5pm !high #finance remind 24h`: create a task. \
            Only the title is needed; the other parts can come in any order after it. \
            Put the title in "quotes" to keep words like due or remind, or #42 and !, in it.
            • `/task list`: your open tasks. `list @bob`: Bob's. `list overdue`, `list #finance`: everyone's \
            overdue or tagged tasks. Combine them: `list @bob overdue #finance`.
            • `/task show 42`: one task
            • `/task start 42`, `/task done 42`, `/task cancel 42`: move a task along
            • `/task assign 42 @carol`: give it to someone else
            • `/task due 42 tomorrow 9am`: change the due date (`/task due 42 none` removes it)
            • `/task review 42 @alice @bob`: ask for approval; any one of them approves. Add `all` if everyone \
            must, `due friday` for a deadline, and `then @carol` for a next step: \
            `/task review 42 @alice @bob all then @carol`. `any 2`: any two of them; a user group             (`@finance`) asks its members. `due friday 5pm then escalate @carol` adds Carol when it passes             unanswered; `due tomorrow then expire` ends the request
            • `/task delegate 42 @bob`: Bob answers in your place (the creator or an admin:             `/task delegate 42 @away @bob`)
            • `/task approvals`: what waits for your answer
            • `/task add Send the weekly report every monday 9am`: a task that comes back (also `every day`, \
            `every weekday 9:30`, `every 2 weeks`, `every month on the 1st`); the next one is made when the \
            current one is due. `/task recurring` lists them; `/task stop 42` ends one
            • `/task history 42`: everything that happened to task 42, who did it, when and from where \
            (`/task history 42 page 2` for more)
            • `/task digest 9:00 Europe/Berlin`: post this channel's overdue tasks every day at 9:00 \
            in that zone (yours when you name none); `/task digest off` stops it
            • `/task connect workiva`: new tasks in this channel go to Workiva (or `awork`, `taskapi`; \
            `builtin` to keep them here)
            • `/task link @alice V1ZVd2Vy…`: who Alice is in the channel's task system (admins)
            • `/task subscribe workiva status:review`: post that system's matching changes in this channel \
            (filters: `assignee:@person`, `status:…`, `title:"words"`); `/task unsubscribe workiva`, \
            `/task subscriptions`
            *Who*: pick the person from Slack's @-list so the name turns blue.
            *Due dates*, read in your time zone: `tomorrow 5pm`, `friday`, `next monday 9am`, `in 3 days`, \
            `in 2 hours`, `1 Dec`, `2026-12-01 17:00`, `eod` (end of today), `eow` (Friday 17:00). \
            A day without a time means 17:00. A weekday means the next one after today. \
            A time that has passed today means tomorrow. For dates, write `1 Dec` or `2026-12-01`: \
            `12/1` could mean two different days.
            *Priority*: `!low`, `!medium` (the default), `!high` or `!!`, `!urgent` or `!!!`.
            *Tags*: `#finance #q3`.
            *Reminder*: `remind 24h` (also `90m`, `1d`, `1h30m`, `2 days`): how long before the due date to remind.
            Task numbers can be typed `42` or `#42`.""";

    private Usage() {}
}
