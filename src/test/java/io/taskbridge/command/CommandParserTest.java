package io.taskbridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.command.Command.Add;
import io.taskbridge.command.CommandParser.Parse;
import io.taskbridge.approval.CompletionMode;
import io.taskbridge.task.Priority;
import java.time.Duration;
import io.taskbridge.recurring.Recurrence;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandParserTest {

    private static final Optional<String> NONE = Optional.empty();

    private static Add add(String title) {
        return new Add(title, NONE, NONE, Optional.empty(), List.of(), Optional.empty());
    }

    private static Add add(String title, String assignee, String due, Priority priority, List<String> tags,
            Duration remind) {
        return new Add(title, Optional.ofNullable(assignee), Optional.ofNullable(due), Optional.ofNullable(priority),
                tags, Optional.ofNullable(remind));
    }

    private static Arguments row(String text, Command expected) {
        return Arguments.of(text, expected);
    }

    static Stream<Arguments> commands() {
        return Stream.of(
                // opening the form
                row("", new Command.OpenForm()),
                row("   \t\u00A0 ", new Command.OpenForm()),
                row(null, new Command.OpenForm()),
                row("add", new Command.OpenForm()),
                row("add <@U1|alice> due friday !high", new Command.OpenForm()),
                row("add \"\"", new Command.OpenForm()),
                // review: one step (any one), everyone, two steps with their own due dates
                row("review 42 <@UA|alice> <@UB>", new Command.Review(42, List.of(
                        new Command.Review.Step(List.of("UA", "UB"), CompletionMode.ONE, Optional.empty())))),
                row("review #42 <@UA> <@UB> all", new Command.Review(42, List.of(
                        new Command.Review.Step(List.of("UA", "UB"), CompletionMode.ALL, Optional.empty())))),
                row("approve 7 <@UA> due friday 5pm then <@UB> <@UC> ALL due next monday", new Command.Review(7, List.of(
                        new Command.Review.Step(List.of("UA"), CompletionMode.ONE, Optional.of("friday 5pm")),
                        new Command.Review.Step(List.of("UB", "UC"), CompletionMode.ALL, Optional.of("next monday"))))),
                row("review 42 <@UA> <@UB> <@UC> any 2", new Command.Review(42, List.of(
                        new Command.Review.Step(List.of("UA", "UB", "UC"), CompletionMode.anyOf(2), Optional.empty())))),
                row("review 42 <!subteam^S123|@finance> any", new Command.Review(42, List.of(new Command.Review.Step(
                        List.of(), CompletionMode.ONE, Optional.empty(),
                        List.of(io.taskbridge.approval.ApprovalGroup.named("S123", "@finance")), Optional.empty())))),
                row("review 42 <@UA> due friday 5pm then escalate <@UC> then <@UB>", new Command.Review(42, List.of(
                        new Command.Review.Step(List.of("UA"), CompletionMode.ONE, Optional.of("friday 5pm"), List.of(),
                                Optional.of(new io.taskbridge.approval.DueAction.Escalate("UC"))),
                        new Command.Review.Step(List.of("UB"), CompletionMode.ONE, Optional.empty())))),
                row("review 42 <@UA> due tomorrow then expire", new Command.Review(42, List.of(
                        new Command.Review.Step(List.of("UA"), CompletionMode.ONE, Optional.of("tomorrow"), List.of(),
                                Optional.of(new io.taskbridge.approval.DueAction.Expire()))))),
                row("delegate 42 <@UB>", new Command.Delegate(42, Optional.empty(), "UB")),
                row("delegate #42 <@UA> <@UB>", new Command.Delegate(42, Optional.of("UA"), "UB")),
                row("approvals", new Command.Approvals()),
                // add: the full example and its parts in other orders
                row("add Review the Q3 report <@U123|alice> due friday 5pm !high #finance #q3 remind 24h",
                        add("Review the Q3 report", "U123", "friday 5pm", Priority.HIGH, List.of("finance", "q3"),
                                Duration.ofHours(24))),
                row("add Review the Q3 report !high #finance due friday 5pm <@U123> remind 24h",
                        add("Review the Q3 report", "U123", "friday 5pm", Priority.HIGH, List.of("finance"),
                                Duration.ofHours(24))),
                row("add Review !urgent the report", add("Review the report", null, null, Priority.URGENT,
                        List.of(), null)),
                row("add Fix login <@W42ABC|bob>", add("Fix login", "W42ABC", null, null, List.of(), null)),
                row("add Pay invoices due tomorrow 9am", add("Pay invoices", null, "tomorrow 9am", null, List.of(),
                        null)),
                row("add Pay invoices due in 3 days #finance", add("Pay invoices", null, "in 3 days", null,
                        List.of("finance"), null)),
                row("add Pay invoices DUE Friday <@U1>", add("Pay invoices", "U1", "Friday", null, List.of(), null)),
                // priorities
                row("add Ship it !!", add("Ship it", null, null, Priority.HIGH, List.of(), null)),
                row("add Ship it !!!", add("Ship it", null, null, Priority.URGENT, List.of(), null)),
                row("add Ship it !LOW", add("Ship it", null, null, Priority.LOW, List.of(), null)),
                row("add Ship it !Medium", add("Ship it", null, null, Priority.MEDIUM, List.of(), null)),
                row("add Ship it now!", add("Ship it now!", null, null, null, List.of(), null)),
                // tags
                row("add Budget <#C123|finance> #Q3", add("Budget", null, null, null, List.of("finance", "Q3"), null)),
                row("add Budget #FinOps", add("Budget", null, null, null, List.of("FinOps"), null)),
                // reminders
                row("add Call back remind 90m", add("Call back", null, null, null, List.of(), Duration.ofMinutes(90))),
                row("add Call back remind 1d", add("Call back", null, null, null, List.of(), Duration.ofDays(1))),
                row("add Call back remind 1h30m", add("Call back", null, null, null, List.of(),
                        Duration.ofMinutes(90))),
                row("add Call back remind 2 days", add("Call back", null, null, null, List.of(), Duration.ofDays(2))),
                row("add Call back remind 2h after lunch", add("Call back after lunch", null, null, null, List.of(),
                        Duration.ofHours(2))),
                // quoted titles keep marker words literal
                row("add \"Decide due date for launch\" due friday",
                        add("Decide due date for launch", null, "friday", null, List.of(), null)),
                row("add “Remind  Bob about #42” <@U9|bob>",
                        add("Remind Bob about #42", "U9", null, null, List.of(), null)),
                row("add „Plan Q4“ !high", add("Plan Q4", null, null, Priority.HIGH, List.of(), null)),
                // Slack's escaping of & < >
                row("add R&amp;D review &lt;draft&gt;", add("R&D review <draft>", null, null, null, List.of(), null)),
                // whitespace of all kinds
                row("  add\tWrite\u00A0docs   due\u202Ffriday  ", add("Write docs", null, "friday", null, List.of(),
                        null)),
                // synonyms and case
                row("new Write docs", add("Write docs")),
                row("CREATE Write docs", add("Write docs")),
                row("Add Write docs", add("Write docs")),
                // list
                row("list", new Command.ListTasks(NONE, NONE, false)),
                row("ls", new Command.ListTasks(NONE, NONE, false)),
                row("LIST mine", new Command.ListTasks(NONE, NONE, false)),
                row("list <@U2|bob>", new Command.ListTasks(Optional.of("U2"), NONE, false)),
                row("list <@U2>", new Command.ListTasks(Optional.of("U2"), NONE, false)),
                row("list overdue", new Command.ListTasks(NONE, NONE, true)),
                row("list #finance", new Command.ListTasks(NONE, Optional.of("finance"), false)),
                row("list <#C1|finance>", new Command.ListTasks(NONE, Optional.of("finance"), false)),
                row("list Overdue <@U2|bob> #finance", new Command.ListTasks(Optional.of("U2"), Optional.of("finance"),
                        true)),
                // task commands
                row("show 42", new Command.Show(42)),
                row("show #42", new Command.Show(42)),
                row("start 42", new Command.Start(42)),
                row("begin 42", new Command.Start(42)),
                row("done 42", new Command.Done(42)),
                row("complete #42", new Command.Done(42)),
                row("finish 42", new Command.Done(42)),
                row("DONE 42", new Command.Done(42)),
                row("cancel 42", new Command.Cancel(42)),
                row("assign 42 <@U3|carol>", new Command.Assign(42, "U3")),
                row("assign #42 <@U3>", new Command.Assign(42, "U3")),
                row("due 42 tomorrow 9am", new Command.Due(42, Optional.of("tomorrow 9am"))),
                row("due #42 next  monday\t9am", new Command.Due(42, Optional.of("next monday 9am"))),
                row("due 42 none", new Command.Due(42, Optional.empty())),
                row("due 42 Clear", new Command.Due(42, Optional.empty())),
                row("add Send the weekly report every monday 9am", new Command.AddRecurring(new Add("Send the weekly report",
                        NONE, NONE, Optional.empty(), List.of(), Optional.empty()),
                        Recurrence.weekly(1, Set.of(DayOfWeek.MONDAY)).at(LocalTime.of(9, 0)))),
                row("add Stand-up notes every weekday 9:30 <@U2|bob>", new Command.AddRecurring(new Add("Stand-up notes",
                        Optional.of("U2"), NONE, Optional.empty(), List.of(), Optional.empty()),
                        Recurrence.weekly(1, Recurrence.WEEKDAYS).at(LocalTime.of(9, 30)))),
                row("add Water the plants every 2 weeks", new Command.AddRecurring(new Add("Water the plants",
                        NONE, NONE, Optional.empty(), List.of(), Optional.empty()), Recurrence.weekly(2, Set.of()))),
                row("add Pay rent every month on the 1st due tomorrow", new Command.AddRecurring(new Add("Pay rent",
                        NONE, Optional.of("tomorrow"), Optional.empty(), List.of(), Optional.empty()),
                        Recurrence.monthly(1, Optional.of(1)))),
                row("add Check mail every day at noon #ops", new Command.AddRecurring(new Add("Check mail",
                        NONE, NONE, Optional.empty(), List.of("ops"), Optional.empty()),
                        Recurrence.daily(1).at(LocalTime.NOON))),
                row("add Team sync due friday every mon and thu 4pm", new Command.AddRecurring(new Add("Team sync",
                        NONE, Optional.of("friday"), Optional.empty(), List.of(), Optional.empty()),
                        Recurrence.weekly(1, Set.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY)).at(LocalTime.of(16, 0)))),
                // "every" that spells no recurrence is a word of the title
                row("add Check every invoice", new Add("Check every invoice", NONE, NONE, Optional.empty(), List.of(),
                        Optional.empty())),
                row("recurring", new Command.Recurring()),
                row("stop #42", new Command.Stop(42)),
                row("history 42", new Command.History(42, 1)),
                row("history #42 page 3", new Command.History(42, 3)),
                row("log 7 PAGE 2", new Command.History(7, 2)),
                row("help", new Command.Help()),
                row("HELP me", new Command.Help()),
                row("?", new Command.Help()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("commands")
    void readsCommands(String text, Command expected) {
        assertThat(CommandParser.parse(text)).isEqualTo(new Parse.Ok(expected));
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("review 42 <@UA> then expire", "can only expire or escalate when it is due", Usage.REVIEW),
                Arguments.of("review 42 <@UA> due friday then escalate", "`then escalate @person` or `then expire`",
                        Usage.REVIEW),
                Arguments.of("delegate 42", "Say who takes over", Usage.DELEGATE),
                Arguments.of("delegate 42 bob", "Say who takes over", Usage.DELEGATE),
                Arguments.of("add Review @alice", "I can't tell who @alice is: pick them from Slack's @-mention list "
                        + "so the name turns blue.", Usage.ADD),
                Arguments.of("add Review <@U1|alice> <@U2|bob>", "one assignee", Usage.ADD),
                Arguments.of("add Review <!here>", "not a group", Usage.ADD),
                Arguments.of("add Review @", "no name after it", Usage.ADD),
                Arguments.of("add Review !soon", "Unknown priority !soon: use `!low`, `!medium`, `!high` or `!urgent`",
                        Usage.ADD),
                Arguments.of("add Review !", "Unknown priority !", Usage.ADD),
                Arguments.of("add Review !low !high", "one priority", Usage.ADD),
                Arguments.of("add Review #", "A tag needs a name", Usage.ADD),
                Arguments.of("add Review <#C123>", "retype the tag", Usage.ADD),
                Arguments.of("add Review <#C123|>", "retype the tag", Usage.ADD),
                Arguments.of("add Review due", "`due` needs a date", Usage.ADD),
                Arguments.of("add Review due #finance", "`due` needs a date", Usage.ADD),
                Arguments.of("add Review due friday due monday", "two due dates", Usage.ADD),
                Arguments.of("add Review remind", "`remind` needs how long", Usage.ADD),
                Arguments.of("add Review remind soon", "“soon” is not one", Usage.ADD),
                Arguments.of("add Review remind 24x", "can't read “24x” as a length of time", Usage.ADD),
                Arguments.of("add Review remind 0h", "can't read “0h”", Usage.ADD),
                Arguments.of("add Review remind 2", "can't read “2”", Usage.ADD),
                Arguments.of("add Review remind 1h remind 2h", "two reminders", Usage.ADD),
                Arguments.of("add \"Review the report", "never closed", Usage.ADD),
                Arguments.of("list @bob", "I can't tell who @bob is", Usage.LIST),
                Arguments.of("list <@U1> <@U2>", "one person's tasks", Usage.LIST),
                Arguments.of("list #a #b", "one tag", Usage.LIST),
                Arguments.of("list everything", "I don't know how to list “everything”", Usage.LIST),
                Arguments.of("list <#C9>", "retype the tag", Usage.LIST),
                Arguments.of("show", "`show` needs a task number, e.g. `/task show 42`", Usage.SHOW),
                Arguments.of("start abc", "“abc” is not a task number", Usage.START),
                Arguments.of("done 0", "“0” is not a task number", Usage.DONE),
                Arguments.of("done 99999999999999999999", "is not a task number", Usage.DONE),
                Arguments.of("cancel 42 now", "Unexpected “now” after the task number", Usage.CANCEL),
                Arguments.of("finish", "`done` needs a task number", Usage.DONE),
                Arguments.of("assign <@U3>", "is not a task number", Usage.ASSIGN),
                Arguments.of("assign 42", "Say who should get task 42", Usage.ASSIGN),
                Arguments.of("assign 42 carol", "“carol” is not a person", Usage.ASSIGN),
                Arguments.of("assign 42 @carol", "I can't tell who @carol is", Usage.ASSIGN),
                Arguments.of("assign 42 <@U3> <@U4>", "one assignee", Usage.ASSIGN),
                Arguments.of("due 42", "Say when task 42 is due", Usage.DUE),
                Arguments.of("due friday", "“friday” is not a task number", Usage.DUE),
                Arguments.of("lsit", "Unknown command `lsit`. Did you mean `/task list`?", Usage.LIST),
                Arguments.of("ad Review", "Did you mean `/task add`?", Usage.ADD),
                Arguments.of("dne 4", "Did you mean `/task done`?", Usage.DONE),
                Arguments.of("shwo 4", "Did you mean `/task show`?", Usage.SHOW),
                Arguments.of("42", "Did you mean `/task show 42`?", Usage.SHOW),
                Arguments.of("Prepare the Q3 report", "Unknown command `Prepare`. To create a task, start with add: "
                        + "`/task add Prepare the Q3 report`.", Usage.GENERAL),
                Arguments.of("Review the Q3 report", "To create a task, start with add: "
                        + "`/task add Review the Q3 report`.", Usage.REVIEW),
                Arguments.of("review 42", "Say who should approve task 42", Usage.REVIEW),
                Arguments.of("review 42 <@U1> then", "Step 2 has nobody to approve it", Usage.REVIEW),
                Arguments.of("review 42 <@U1> soon", "I don't know what “soon” means in step 1", Usage.REVIEW),
                Arguments.of("approvals now", "`approvals` takes nothing else", Usage.APPROVALS),
                Arguments.of("history", "`history` needs a task number", Usage.HISTORY),
                Arguments.of("add Report every day every week", "two `every", Usage.ADD),
                Arguments.of("stop", "`stop` needs a task number", Usage.STOP),
                Arguments.of("recurring now", "`recurring` takes nothing else", Usage.RECURRING),
                Arguments.of("history 42 page 0", "“0” is not a page number", Usage.HISTORY),
                Arguments.of("history 42 page", "takes only `page <number>`", Usage.HISTORY),
                Arguments.of("history 42 all", "takes only `page <number>`", Usage.HISTORY),
                Arguments.of("x", "Unknown command `x`.", Usage.GENERAL));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("mistakes")
    void explainsMistakes(String text, String problemPart, String usage) {
        Parse parse = CommandParser.parse(text);
        assertThat(parse).isInstanceOf(Parse.Invalid.class);
        Parse.Invalid invalid = (Parse.Invalid) parse;
        assertThat(invalid.problem()).contains(problemPart);
        assertThat(invalid.usage()).isEqualTo(usage);
    }

    @Test
    void neverThrowsOnHugeOrStrangeInput() {
        String huge = "add " + "word ".repeat(50_000) + "due " + "friday ".repeat(1000);
        Parse parse = CommandParser.parse(huge);
        assertThat(parse).isInstanceOf(Parse.Ok.class);
        assertThat(((Add) ((Parse.Ok) parse).command()).title()).startsWith("word word").hasSize(50_000 * 5 - 1);

        assertThat(CommandParser.parse("z".repeat(100_000))).isInstanceOf(Parse.Invalid.class);
        assertThat(((Parse.Invalid) CommandParser.parse("z".repeat(100_000))).problem()).hasSizeLessThan(300);
        for (String odd : List.of("<", ">", "<@", "<#", "\"", "“", "add <@U1|a", "add #", "add !", "due 1 \"x",
                "\u0000", "add \uD83D\uDE00 party")) {
            assertThat(CommandParser.parse(odd)).as(odd).isNotNull();
        }
    }

    @Test
    void theHelpListsEverySubcommandWithAnExample() {
        assertThat(CommandParser.parse("help")).isEqualTo(new Parse.Ok(new Command.Help()));
        assertThat(Usage.HELP_TEXT).contains("`/task add Review the Q3 report", "`/task list`", "`/task show 42`",
                "`/task start 42`", "`/task done 42`", "`/task cancel 42`", "`/task assign 42 @carol`",
                "`/task due 42 tomorrow 9am`", "`/task due 42 none`", "`eod`", "`eow`", "17:00", "`!!!`",
                "`remind 24h`");
    }
}
