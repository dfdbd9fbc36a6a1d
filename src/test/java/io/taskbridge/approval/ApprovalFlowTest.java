package io.taskbridge.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.connector.TaskBackend;
import io.taskbridge.slack.ApprovalMessage;
import io.taskbridge.slack.ApprovalModal;
import io.taskbridge.platform.Database;
import io.taskbridge.task.Status;
import io.taskbridge.testing.Concurrently;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import io.taskbridge.testing.SlackReply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Approvals end to end: signed commands, clicks and modal submissions in; DMs and updates out. */
class ApprovalFlowTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void allThenOneWithRejectionAndOutsiders() throws Exception {
        try (RunningService svc = new RunningService()) {
            long id = newTask(svc, "Sign the contract");
            svc.requests.command("review " + id + " <@UA> <@UB> all then <@UC>", "UCREATOR", "C1", "t-review",
                    svc.slack.responseUrl("review"));
            assertThat(reply(svc, "review")).contains("Approval requested for task #" + id);

            FakeSlack.Call dmA = svc.slack.await("chat.postMessage", c -> "DUA".equals(c.param("channel")));
            svc.slack.await("chat.postMessage", c -> "DUB".equals(c.param("channel")));
            assertThat(json(dmA.param("blocks"))).contains(ApprovalMessage.APPROVE).contains(ApprovalMessage.REJECT)
                    .contains("Sign the contract").contains("everyone must approve").doesNotContain("due");
            FakeSlack.Call note = svc.slack.await("chat.postMessage", c -> c.param("thread_ts") != null);
            assertThat(note.param("text")).contains("<@UA>").contains("<@UB>");
            assertThat(svc.slack.calls("chat.postMessage").stream().filter(c -> "DUC".equals(c.param("channel")))).isEmpty();
            String ref = id + ":1:0";

            // An outsider, and the second step's approver, are told why; nothing changes.
            click(svc, "UX", ApprovalMessage.APPROVE, ref, "outsider");
            assertThat(ephemeral(svc, "outsider")).contains("not one of them");
            click(svc, "UC", ApprovalMessage.APPROVE, ref, "early");
            assertThat(ephemeral(svc, "early")).contains("not one of them");

            click(svc, "UA", ApprovalMessage.APPROVE, ref, "a");
            svc.slack.await("chat.update", c -> "DUA".equals(c.param("channel")) && json(c.param("blocks")).contains("approved"));
            click(svc, "UA", ApprovalMessage.APPROVE, ref, "again");
            assertThat(ephemeral(svc, "again")).contains("already answered");

            // Reject opens the comment modal; an empty comment is refused inline; a comment rejects.
            click(svc, "UB", ApprovalMessage.REJECT, ref, "b");
            FakeSlack.Call modal = svc.slack.await("views.open", c -> c.param("view").contains(ApprovalModal.CALLBACK_ID));
            assertThat(modal.param("view")).contains("REJECT");
            HttpResponse<String> empty = svc.requests.interaction(decision("UB", ref + ":REJECT", ""));
            assertThat(empty.body()).contains("\"response_action\":\"errors\"").contains("comment is required");
            assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.REVIEW);
            HttpResponse<String> rejected = svc.requests.interaction(decision("UB", ref + ":REJECT", "Wrong totals on page 3"));
            assertThat(rejected.statusCode()).isEqualTo(200);
            assertThat(rejected.body()).doesNotContain("errors");

            assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.IN_PROGRESS);
            FakeSlack.Call told = svc.slack.await("chat.postMessage", c -> "DUCREATOR".equals(c.param("channel")));
            assertThat(told.param("text")).contains("rejected by <@UB>").contains("Wrong totals on page 3");
            svc.slack.await("chat.update", c -> "DUB".equals(c.param("channel"))
                    && json(c.param("blocks")).contains("Wrong totals on page 3")
                    && !json(c.param("blocks")).contains(ApprovalMessage.APPROVE));
            svc.slack.await("chat.update", c -> "C1".equals(c.param("channel"))
                    && json(c.param("blocks")).contains("rejected: “Wrong totals on page 3”"));
            Approval a = svc.service.approvals().find(id).orElseThrow();
            assertThat(a.state()).isEqualTo(Approval.State.REJECTED);
            assertThat(a.steps().get(0).responses()).extracting(ApprovalResponse::userId).containsExactlyInAnyOrder("UA", "UB");
            // What the people see at the end: both requests show the outcome and no buttons; the
            // task's message shows the rejection; the second step's approver was never asked.
            assertThat(svc.slack.channelMessages("DUA")).singleElement().satisfies(m -> {
                assertThat(m.actionIds()).isEmpty();
                assertThat(m.seen()).contains("Sign the contract");
            });
            assertThat(svc.slack.channelMessages("DUB")).singleElement().satisfies(m -> {
                assertThat(m.actionIds()).isEmpty();
                assertThat(m.seen()).contains("Wrong totals on page 3");
            });
            assertThat(svc.slack.channelMessages("C1")).singleElement()
                    .satisfies(m -> assertThat(m.seen()).contains("rejected: “Wrong totals on page 3”"));
            assertThat(svc.slack.channelMessages("DUC")).isEmpty();
        }
    }

    @Test
    void twoStepsSurviveARestartAndEndDone() throws Exception {
        String db = Databases.sqliteUrl();
        long id;
        // Slack keeps its messages while Taskbridge restarts: one fake for both runs.
        try (FakeSlack slack = new FakeSlack()) {
        try (RunningService svc = new RunningService(db, Map.of(), slack, java.time.Clock.systemUTC())) {
            id = newTask(svc, "Launch plan");
            svc.requests.command("review " + id + " <@UA> then <@UB>", "UCREATOR", "C1", "t-r", svc.slack.responseUrl("r"));
            reply(svc, "r");
            svc.slack.await("chat.postMessage", c -> "DUA".equals(c.param("channel")));
            click(svc, "UA", ApprovalMessage.APPROVE, id + ":1:0", "a");
            svc.slack.await("chat.postMessage", c -> "DUB".equals(c.param("channel")));
        }
        try (RunningService svc = new RunningService(db, Map.of(), slack, java.time.Clock.systemUTC())) {
            assertThat(svc.service.approvals().find(id).orElseThrow().currentStep()).isEqualTo(1);
            svc.requests.command("approvals", "UB", "C1", "t-inbox", svc.slack.responseUrl("inbox"));
            assertThat(reply(svc, "inbox")).contains("Launch plan");
            click(svc, "UB", ApprovalMessage.APPROVE_WITH_COMMENT, id + ":1:1", "b");
            svc.slack.await("views.open", c -> c.param("view").contains(ApprovalModal.CALLBACK_ID));
            svc.requests.interaction(decision("UB", id + ":1:1:APPROVE", "Ship it"));
            assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.DONE);
            assertThat(svc.slack.await("chat.postMessage", c -> "DUCREATOR".equals(c.param("channel"))).param("text"))
                    .contains("was approved");
            svc.requests.command("show " + id, "UB", "C1", "t-show", svc.slack.responseUrl("show"));
            assertThat(reply(svc, "show")).contains("Ship it").contains("Approved");
            svc.slack.awaitMessage(m -> m.channel().equals("C1") && m.threadTs() == null && m.seen().contains("This task is done."));
            svc.slack.awaitMessage(m -> m.channel().equals("DUB") && m.seen().contains("Approved: the task is done."));
        }
        // As the people see it: one task message, updated in place to done, with no buttons; each
        // request shows the outcome without buttons.
        assertThat(slack.channelMessages("C1")).singleElement().satisfies(m -> {
            assertThat(m.seen()).contains("Done").contains("“Ship it”");
            assertThat(m.actionIds()).isEmpty();
        });
        for (String dm : List.of("DUA", "DUB")) {
            assertThat(slack.channelMessages(dm)).singleElement().satisfies(m -> {
                assertThat(m.seen()).contains("Approved: the task is done.");
                assertThat(m.actionIds()).isEmpty();
            });
        }
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void twentySimultaneousSignedClicksAreRecordedOnceBeforeTheirAcks(Databases.Kind kind) throws Exception {
        try (RunningService svc = new RunningService(Databases.url(kind), Map.of())) {
            long id = newTask(svc, "Twenty approvers");
            StringBuilder people = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                people.append(" <@U").append(i).append(">");
            }
            svc.requests.command("review " + id + people + " all", "UCREATOR", "C1", "t-r", svc.slack.responseUrl("r"));
            reply(svc, "r");
            List<Callable<Integer>> clicks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String user = "U" + i;
                String ts = svc.slack.awaitButtonFor(user, ApprovalMessage.APPROVE).ts();
                for (int twice = 0; twice < 2; twice++) {
                    clicks.add(() -> svc.requests.interaction(SlackPayloads.buttonClick(user, ApprovalMessage.APPROVE,
                            "approval_actions:" + id, id + ":1:0", "D" + user, ts, svc.slack.responseUrl("c-" + user)))
                            .statusCode());
                }
            }
            assertThat(Concurrently.run(clicks)).containsOnly(200);
            // No waiting: an Approve click is recorded before its ack.
            Approval a = svc.service.approvals().find(id).orElseThrow();
            assertThat(a.state()).isEqualTo(Approval.State.APPROVED);
            assertThat(a.steps().get(0).responses()).hasSize(20);
            assertThat(a.steps().get(0).responses()).extracting(ApprovalResponse::userId).doesNotHaveDuplicates();
            assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.DONE);
            FakeSlack.Call told = svc.slack.await("chat.postMessage", c -> "DUCREATOR".equals(c.param("channel")));
            assertThat(told.param("text")).contains("approved");
            Quiescence.await(svc);
            assertThat(svc.slack.calls("chat.postMessage").stream().filter(c -> "DUCREATOR".equals(c.param("channel")))).hasSize(1);
        }
    }

    /** A task system that is down for its first calls: the decision arrives later, once. */
    static final class FlakyBackend implements TaskBackend {
        final List<Submission> received = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public Result submitDecision(Submission submission) {
            int n = calls.incrementAndGet();
            if (n == 1) {
                return new Result.Unavailable("HTTP 503");
            }
            if (n == 2) {
                return new Result.Throttled(Duration.ofSeconds(1));
            }
            received.add(submission);
            return new Result.Done();
        }
    }

    @Test
    void aDecisionReachesAFailingBackendLaterAndOnce() throws Exception {
        FlakyBackend backend = new FlakyBackend();
        String db = Databases.sqliteUrl();
        try (RunningService svc = new RunningService(db, Map.of(), List.of(backend), new FakeSlack())) {
            long id = newTask(svc, "Held elsewhere");
            try (Database direct = Database.open(db, null, null)) {
                direct.jdbi().useHandle(h -> h.execute("UPDATE tasks SET connection = 'flaky', external_id = 'EXT-9' WHERE id = ?", id));
            }
            svc.requests.command("review " + id + " <@UA>", "UCREATOR", "C1", "t-r", svc.slack.responseUrl("r"));
            reply(svc, "r");
            click(svc, "UA", ApprovalMessage.APPROVE, id + ":1:0", "a");
            // At rest means the decision's row is gone: delivered (after a 503 and a 429), not waiting.
            Quiescence.await(svc);
            assertThat(backend.received).singleElement().satisfies(s -> {
                assertThat(s.externalId()).isEqualTo("EXT-9");
                assertThat(s.decision()).isEqualTo(Decision.APPROVE);
                assertThat(s.actor()).isEqualTo("UA");
            });
            assertThat(backend.calls.get()).isEqualTo(3);
            assertThat(backend.received).hasSize(1);
        }
    }

    @Test
    void theCreationModalCanAskForApproval() {
        try (RunningService svc = new RunningService()) {
            String future = java.time.LocalDate.now().plusDays(5).toString();
            HttpResponse<String> r = svc.requests.interaction(SlackPayloads.viewSubmission("UCREATOR", "V-new",
                    io.taskbridge.slack.TaskModal.CALLBACK_ID, "C7", """
                    {"title":{"title_input":{"type":"plain_text_input","value":"Approve the budget"}},
                     "due_date":{"due_date_picker":{"type":"datepicker","selected_date":"%s"}},
                     "approvers":{"approvers_select":{"type":"multi_users_select","selected_users":["UA","UB"]}},
                     "approval_mode":{"approval_mode_select":{"type":"static_select",
                        "selected_option":{"text":{"type":"plain_text","text":"Every approver"},"value":"ALL"}}}}
                    """.formatted(future)));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).doesNotContain("errors");
            long id = svc.service.tasks().list(io.taskbridge.task.TaskQuery.all()).get(0).id();
            Approval a = svc.service.approvals().find(id).orElseThrow();
            assertThat(a.steps()).singleElement().satisfies(step -> {
                assertThat(step.participants()).containsExactly("UA", "UB");
                assertThat(step.mode()).isEqualTo(CompletionMode.ALL);
            });
            assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.REVIEW);
            svc.slack.await("chat.postMessage", c -> "DUB".equals(c.param("channel")));
        }
    }

    @Test
    void aStepWithADueDateNudgesItsWaitingApproversAndNobodyElseFinishesTheTask() {
        try (RunningService svc = new RunningService()) {
            long id = newTask(svc, "Budget sign-off");
            svc.requests.command("review " + id + " <@UA> <@UB> all due in 3 days", "UCREATOR", "C1", "t-nudge",
                    svc.slack.responseUrl("nudge"));
            assertThat(reply(svc, "nudge")).contains("Approval requested");
            assertThat(nudges(svc, id)).containsExactlyInAnyOrder("UA", "UB");

            click(svc, "UA", ApprovalMessage.APPROVE, id + ":1:0", "a");
            // The click is recorded, and its nudge dropped, before the ack; at rest nothing brings it back.
            Quiescence.await(svc);
            assertThat(nudges(svc, id)).as("UA answered; only UB is still waited for").containsExactly("UB");

            svc.requests.command("done " + id, "UCREATOR", "C1", "t-done", svc.slack.responseUrl("done"));
            assertThat(reply(svc, "done")).contains("waiting for approval");
            assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.REVIEW);
        }
    }

    static List<String> nudges(RunningService svc, long taskId) {
        try (Database direct = Database.open(svc.dbUrl, null, null)) {
            return direct.jdbi().withHandle(h -> h.createQuery(
                            "SELECT recipient FROM reminders WHERE task_id = :id AND kind = :kind")
                    .bind("id", taskId).bind("kind", io.taskbridge.task.ReminderKind.APPROVAL.stored())
                    .mapTo(String.class).list());
        }
    }

    static long newTask(RunningService svc, String title) {
        String key = "new-" + title.hashCode();
        SlackReply.of(svc.requests.command("add " + title, "UCREATOR", "C1", key, svc.slack.responseUrl(key)), svc.slack, key);
        return svc.service.tasks().list(io.taskbridge.task.TaskQuery.all().withSearch(java.util.Optional.of(title)))
                .get(0).id();
    }

    static String reply(RunningService svc, String id) {
        return svc.slack.await("response_url", c -> c.form().get("id").equals(id)).json().get("text").asText();
    }

    static String ephemeral(RunningService svc, String id) {
        FakeSlack.Call c = svc.slack.await("response_url", x -> x.form().get("id").equals(id));
        assertThat(c.json().get("response_type").asText()).isEqualTo("ephemeral");
        return c.json().get("text").asText();
    }

    /**
     * {@code user} clicks {@code action} on the approval request Slack shows them (the ts the fake
     * issued); someone who was never asked clicks on a message in their DM that Slack never had.
     */
    static void click(RunningService svc, String user, String action, String value, String responseId) {
        String ts = svc.slack.channelMessages("D" + user).stream().reduce((a, b) -> b).map(FakeSlack.Message::ts)
                .orElse("1700000000.999999");
        HttpResponse<String> r = svc.requests.interaction(SlackPayloads.buttonClick(user, action,
                "approval_actions:" + value, value, "D" + user, ts, svc.slack.responseUrl(responseId)));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    static String decision(String user, String metadata, String comment) {
        return SlackPayloads.viewSubmission(user, "V-" + user, ApprovalModal.CALLBACK_ID, metadata, """
                {"%s":{"%s":{"type":"plain_text_input","value":"%s"}}}
                """.formatted(ApprovalModal.COMMENT_BLOCK, ApprovalModal.COMMENT_ACTION, comment));
    }

    static String json(String raw) {
        try {
            return JSON.readTree(raw).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
