package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.approval.ApprovalPlan;
import io.taskbridge.approval.CompletionMode;
import io.taskbridge.platform.Database;
import io.taskbridge.reminder.ReminderDao;
import io.taskbridge.reminder.ReminderRow;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import io.taskbridge.testing.SlackReply;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The leaks of issue 14, tried over real signed HTTP against the running service: a stranger asks
 * about, changes, approves and clicks on other people's tasks. Every reply the stranger gets (the
 * ack, response_url posts, ephemerals) is checked, and so is the store: a refused request changes
 * nothing and updates no Slack message.
 */
class PermissionsTest {
    private static final String ALICE = "UALICE";
    private static final String BOB = "UBOB";
    private static final String CAROL = "UCAROL";

    private RunningService svc;
    private final AtomicInteger requests = new AtomicInteger();
    /** Everything the service answered Carol, the stranger. */
    private final List<String> toCarol = new ArrayList<>();

    @AfterEach
    void stop() {
        if (svc != null) {
            svc.close();
        }
    }

    private void start(Map<String, String> env) {
        svc = new RunningService(Databases.sqliteUrl(), env);
    }

    @ParameterizedTest(name = "a task in {1} ({0})")
    @CsvSource({"G1, privategroup", "DBOB, directmessage", "G2, mpdm-alice--bob-1"})
    void aPrivateTaskIsInvisibleFromAnotherChannel(String channel, String channelName) {
        start(Map.of());
        assertThat(say(BOB, channel, channelName, "add Salary review for Dana <@UALICE|alice>")).contains("Created task");
        assertThat(say(ALICE, "C1", "general", "add Book the venue <@UALICE|alice>")).contains("Created task");
        awaitPosted(1);
        awaitPosted(2);

        String shown = say(CAROL, "C2", "random", "show 1");
        assertThat(shown).isEqualTo(":warning: There is no task #1.");
        assertThat(say(CAROL, "C2", "random", "show 999")).isEqualTo(":warning: There is no task #999.");
        assertThat(say(CAROL, "C2", "random", "list <@UALICE|alice>"))
                .contains("Book the venue").doesNotContain("#1 ");
        for (String change : List.of("start 1", "done 1", "cancel 1", "assign 1 <@UCAROL|carol>", "due 1 tomorrow",
                "review 1 <@UCAROL|carol>")) {
            assertThat(say(CAROL, "C2", "random", change)).as(change).isEqualTo(":warning: There is no task #1.");
        }
        assertThat(toCarol).noneMatch(reply -> reply.contains("Salary"));
        assertThat(svc.slack.calls("chat.postEphemeral")).noneMatch(c -> c.form().toString().contains("Salary"));
        Task task = svc.service.tasks().get(1);
        assertThat(task.status()).isEqualTo(Status.TODO);
        assertThat(task.assignee()).contains(ALICE);
        assertThat(task.version()).isZero();

        // From inside the conversation it is there; and its participants see it anywhere.
        assertThat(say(CAROL, channel, channelName, "show 1")).contains("Salary review for Dana");
        assertThat(say(ALICE, "C2", "random", "show 1")).contains("Salary review for Dana");
        assertThat(say(ALICE, "C2", "random", "list")).contains("Salary review for Dana");
    }

    @Test
    void aStrangerCannotChangeSomeoneElsesTaskAndNothingChanges() {
        start(Map.of());
        say(ALICE, "C1", "general", "add Pay the invoice <@UALICE|alice>");
        String ts = awaitPosted(1);
        for (String[] change : new String[][] {{"done 1", "complete"}, {"cancel 1", "cancel"},
                {"assign 1 <@UCAROL|carol>", "reassign"}, {"due 1 tomorrow 9am", "change the due date of"},
                {"start 1", "start"}}) {
            assertThat(say(CAROL, "C1", "general", change[0])).as(change[0])
                    .isEqualTo(":no_entry: Only the creator, the assignee or an admin can " + change[1] + " task #1.");
        }
        Task task = svc.service.tasks().get(1);
        assertThat(task.status()).isEqualTo(Status.TODO);
        assertThat(task.assignee()).contains(ALICE);
        assertThat(task.dueDate()).isEmpty();
        assertThat(task.version()).isZero();

        // Alice may: her change is the first and only update of the message.
        assertThat(say(ALICE, "C1", "general", "done 1")).contains("#1");
        svc.slack.await("chat.update", c -> ts.equals(c.param("ts")));
        assertThat(svc.slack.calls("chat.update")).hasSize(1);
    }

    @Test
    void forgedButtonsFromAStrangerChangeNothing() {
        start(Map.of());
        say(ALICE, "C1", "general", "add Renew the lease <@UALICE|alice>");
        String ts = awaitPosted(1);

        assertThat(click(CAROL, TaskMessage.DONE, TaskMessage.ACTIONS_BLOCK, "C1", ts))
                .isEqualTo(":no_entry: Only the creator, the assignee or an admin can complete task #1.");
        assertThat(click(CAROL, TaskMessage.START, TaskMessage.ACTIONS_BLOCK, "C1", ts))
                .isEqualTo(":no_entry: Only the creator, the assignee or an admin can start task #1.");
        assertThat(click(CAROL, ReminderMessage.DONE, ReminderMessage.ACTIONS_BLOCK, "C1", ts))
                .isEqualTo(":no_entry: Only the creator, the assignee or an admin can complete task #1.");
        Task task = svc.service.tasks().get(1);
        assertThat(task.status()).isEqualTo(Status.TODO);
        assertThat(task.version()).isZero();

        // The assignee's own click works, and it is the only update the message got.
        press(ALICE, TaskMessage.DONE, "C1", ts);
        svc.slack.await("chat.update", c -> ts.equals(c.param("ts")));
        assertThat(svc.slack.calls("chat.update")).hasSize(1);
        assertThat(svc.service.tasks().get(1).status()).isEqualTo(Status.DONE);
    }

    @Test
    void aStrangerCannotSnoozeAPrivateTaskIntoTheirDms() {
        start(Map.of());
        say(BOB, "G1", "privategroup", "add Plan the layoffs <@UALICE|alice>");
        String ts = awaitPosted(1);
        assertThat(click(CAROL, ReminderMessage.SNOOZE_HOUR, ReminderMessage.ACTIONS_BLOCK, "C2", ts))
                .isEqualTo(":warning: There is no task #1.");
        assertThat(toCarol).noneMatch(reply -> reply.contains("layoffs"));
        assertThat(reminders(1)).noneMatch(r -> r.recipient().equals(CAROL));
    }

    @Test
    void anUnassignedTaskCanBeTakenOnlyInItsOwnChannel() {
        start(Map.of());
        say(BOB, "C1", "general", "add Water the plants");
        String ts = awaitPosted(1);
        assertThat(say(CAROL, "C2", "random", "start 1"))
                .startsWith(":no_entry: Only the creator, the assignee or an admin can start task #1.")
                .contains("Anyone can take an unassigned task from the channel it was posted in.");
        assertThat(svc.service.tasks().get(1).status()).isEqualTo(Status.TODO);

        press(CAROL, TaskMessage.START, "C1", ts);
        svc.slack.await("chat.update", c -> ts.equals(c.param("ts")));
        Task taken = svc.service.tasks().get(1);
        assertThat(taken.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(taken.assignee()).contains(CAROL);
    }

    @Test
    void selfApprovalIsRefused() {
        start(Map.of());
        say(ALICE, "C1", "general", "add Approve the budget <@UBOB|bob>");
        awaitPosted(1);

        assertThat(say(ALICE, "C1", "general", "review 1 <@UALICE|alice>"))
                .isEqualTo(":no_entry: You can't review your own request for task #1: name someone else as approver.");
        assertThat(say(BOB, "C1", "general", "review 1 <@UCAROL|carol> <@UALICE|alice>"))
                .isEqualTo(":no_entry: The creator of task #1 can't approve it: name someone else as approver.");
        assertThat(say(CAROL, "C1", "general", "review 1 <@UDAN|dan>"))
                .isEqualTo(":no_entry: Only the creator, the assignee or an admin can ask for a review of task #1.");
        assertThat(svc.service.approvals().find(1)).isEmpty();
        assertThat(svc.service.tasks().get(1).status()).isEqualTo(Status.TODO);
        assertThat(svc.slack.calls("conversations.open")).as("no approval request was sent").isEmpty();

        // A round that names its own asker (as one recorded before this rule could): the asker's
        // Approve click is refused and the step still waits.
        svc.service.approvals().request(1, new ApprovalPlan(List.of(new ApprovalPlan.Step(List.of(BOB, CAROL),
                CompletionMode.ONE, Optional.empty()))), BOB);
        String value = new ApprovalMessage.Ref(1, 1, 0).value();
        assertThat(click(BOB, ApprovalMessage.APPROVE, "approval_actions:", "DBOB", "1700000000.000100", value))
                .isEqualTo(":no_entry: You asked for this review of task #1, so another approver must approve it.");
        assertThat(svc.service.approvals().find(1).orElseThrow().steps().get(0).responses()).isEmpty();
        assertThat(svc.service.tasks().get(1).status()).isEqualTo(Status.REVIEW);
    }

    @Test
    void theCreationFormRefusesItsCreatorAsApproverBeforeCreatingAnything() {
        start(Map.of());
        HttpResponse<String> ack = svc.requests.interaction(SlackPayloads.viewSubmission(BOB, "V1", TaskModal.CALLBACK_ID,
                "C1|PUBLIC|UTC", """
                {"%s":{"%s":{"type":"plain_text_input","value":"Order laptops"}},
                 "%s":{"%s":{"type":"multi_users_select","selected_users":["UBOB"]}}}
                """.formatted(TaskModal.Field.TITLE.blockId(), TaskModal.Field.TITLE.actionId(),
                TaskModal.Field.APPROVERS.blockId(), TaskModal.Field.APPROVERS.actionId())));
        assertThat(ack.body()).contains("\"response_action\":\"errors\"").contains(TaskModal.Field.APPROVERS.blockId())
                .contains("review your own request for this task");
        assertThat(svc.service.tasks().find(1)).isEmpty();
    }

    @Test
    void selfApprovalCanBeAllowedForSmallTeams() {
        start(Map.of("TASKBRIDGE_ALLOW_SELF_APPROVAL", "true"));
        say(ALICE, "C1", "general", "add Approve the budget");
        awaitPosted(1);
        assertThat(say(ALICE, "C1", "general", "review 1 <@UALICE|alice>")).startsWith("Approval requested for task #1.");
    }

    @Test
    void listedAdminsMayChangeAnyTaskWithoutAskingSlack() {
        start(Map.of("TASKBRIDGE_ADMINS", "UADMIN"));
        say(ALICE, "G1", "privategroup", "add Fire drill <@UALICE|alice>");
        awaitPosted(1);
        assertThat(say("UADMIN", "C9", "random", "show 1")).contains("Fire drill");
        assertThat(say("UADMIN", "C9", "random", "cancel 1")).contains("#1");
        assertThat(svc.service.tasks().get(1).status()).isEqualTo(Status.CANCELED);
        assertThat(svc.slack.calls("users.info")).noneMatch(c -> "UADMIN".equals(c.param("user")));
        assertThat(say(CAROL, "C9", "random", "connect builtin"))
                .isEqualTo(":no_entry: Only Taskbridge admins can change where this channel's tasks go.");
    }

    @Test
    void withoutAListTheWorkspaceAdminsAreAdminsAndSlackIsAskedOncePerTtl() {
        start(Map.of());
        svc.slack.workspaceAdmin("UOWNER");
        say(ALICE, "C1", "general", "add First <@UALICE|alice>");
        say(ALICE, "C1", "general", "add Second <@UALICE|alice>");
        awaitPosted(2);
        assertThat(say("UOWNER", "C1", "general", "cancel 1")).contains("#1");
        assertThat(say("UOWNER", "C1", "general", "cancel 2")).contains("#2");
        assertThat(svc.service.tasks().get(2).status()).isEqualTo(Status.CANCELED);
        assertThat(svc.slack.calls("users.info")).filteredOn(c -> "UOWNER".equals(c.param("user"))).hasSize(1);
        assertThat(say(CAROL, "C1", "general", "cancel 1")).startsWith(":no_entry:");
    }

    @Test
    void aConversationOfUnknownKindIsAskedOfSlackOnceAndIsPrivateUntilThen() {
        start(Map.of());
        svc.slack.conversation("C5", "private");
        // Tasks stored before their conversation's kind was recorded (as before V12).
        long inPrivate = svc.service.tasks().create(io.taskbridge.task.TaskDraft.titled("Quiet reorg"), BOB,
                Optional.of(io.taskbridge.task.SlackPlace.channel("T1", "C5")), Optional.empty()).task().id();
        long inPublic = svc.service.tasks().create(io.taskbridge.task.TaskDraft.titled("Team lunch").withTags(List.of("food")), BOB,
                Optional.of(io.taskbridge.task.SlackPlace.channel("T1", "C6")), Optional.empty()).task().id();
        svc.slack.failNext("conversations.info", new FakeSlack.Failure.SlackError("missing_scope"));
        assertThat(say(CAROL, "C2", "random", "show " + inPublic)).isEqualTo(":warning: There is no task #" + inPublic + ".");

        assertThat(say(CAROL, "C2", "random", "show " + inPrivate)).isEqualTo(":warning: There is no task #" + inPrivate + ".");
        assertThat(say(CAROL, "C2", "random", "show " + inPublic)).contains("Team lunch");
        assertThat(say(CAROL, "C2", "random", "show " + inPublic)).contains("Team lunch");
        assertThat(svc.slack.calls("conversations.info")).filteredOn(c -> "C6".equals(c.param("channel")))
                .as("one failed call, then one that is remembered").hasSize(2);
        // Learned once, stored: the list (which filters in SQL) agrees with show.
        assertThat(svc.service.tasks().get(inPublic).slack().orElseThrow().kind()).contains("PUBLIC");
        assertThat(say(CAROL, "C2", "random", "list #food")).contains("Team lunch");
        assertThat(toCarol).noneMatch(reply -> reply.contains("Quiet reorg"));
    }

    /** A slash command; the reply, from the ack or response_url. Carol's replies are kept. */
    private String say(String user, String channel, String channelName, String text) {
        String id = "r" + requests.incrementAndGet();
        HttpResponse<String> ack = svc.requests.command(text, user, channel, channelName, "trig-" + id,
                svc.slack.responseUrl(id));
        assertThat(ack.statusCode()).isEqualTo(200);
        String reply = SlackReply.of(ack, svc.slack, id);
        if (user.equals(CAROL)) {
            toCarol.add(ack.body());
            toCarol.add(reply);
        }
        return reply;
    }

    /** A signed click on a button; the ephemeral answer posted to its response_url. */
    private String click(String user, String actionId, String blockPrefix, String channel, String ts) {
        return click(user, actionId, blockPrefix + "1", channel, ts, "1");
    }

    /** A click on task #1's message that should just work: Slack hears of it through chat.update, not a reply. */
    private void press(String user, String actionId, String channel, String ts) {
        assertThat(svc.requests.interaction(SlackPayloads.buttonClick(user, actionId, TaskMessage.ACTIONS_BLOCK + "1", "1",
                channel, ts, svc.slack.responseUrl("press"))).statusCode()).isEqualTo(200);
    }

    private String click(String user, String actionId, String blockId, String channel, String ts, String value) {
        String id = "c" + requests.incrementAndGet();
        HttpResponse<String> ack = svc.requests.interaction(SlackPayloads.buttonClick(user, actionId, blockId, value,
                channel, ts, svc.slack.responseUrl(id)));
        assertThat(ack.statusCode()).isEqualTo(200);
        String reply = svc.slack.await("response_url", c -> id.equals(c.form().get("id"))).json().path("text").asText();
        if (user.equals(CAROL)) {
            toCarol.add(ack.body());
            toCarol.add(reply);
        }
        return reply;
    }

    private List<ReminderRow> reminders(long taskId) {
        try (Database db = Database.open(svc.dbUrl, "postgres", "postgres")) {
            return db.jdbi().withExtension(ReminderDao.class, dao -> dao.ofTask(taskId));
        }
    }

    private String awaitPosted(long taskId) {
        return svc.awaitMessageTs(taskId);
    }
}
