package io.taskbridge.approval;

import static io.taskbridge.approval.ApprovalFlowTest.click;
import static io.taskbridge.approval.ApprovalFlowTest.ephemeral;
import static io.taskbridge.approval.ApprovalFlowTest.newTask;
import static io.taskbridge.approval.ApprovalFlowTest.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.slack.ApprovalMessage;
import io.taskbridge.slack.Delegations;
import io.taskbridge.task.Status;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Quorum steps ({@code any 2}), Slack user groups as approvers and delegation, end to end: signed
 * commands, clicks and modal submissions in; DMs, updates and the audit trail out.
 */
class QuorumGroupDelegationTest {

    @Test
    void twoOfThreeCompletesOnTheSecondApprovalNotTheFirst() {
        try (RunningService svc = new RunningService()) {
            long id = newTask(svc, "Quorum budget");
            svc.requests.command("review " + id + " <@UA> <@UB> <@UC> any 2", "UCREATOR", "C1", "t-q",
                    svc.slack.responseUrl("q"));
            assertThat(reply(svc, "q")).contains("Approval requested").contains("any 2 approve").contains("0 of 2 approved");
            FakeSlack.Message toC = svc.slack.awaitButtonFor("UC", ApprovalMessage.APPROVE);
            assertThat(toC.seen()).contains("0 of 2 approved");
            svc.slack.awaitButtonFor("UA", ApprovalMessage.APPROVE);
            svc.slack.awaitButtonFor("UB", ApprovalMessage.APPROVE);
            String ref = id + ":1:0";

            click(svc, "UA", ApprovalMessage.APPROVE, ref, "a");
            assertThat(svc.service.tasks().get(id).status()).as("one of two is not enough").isEqualTo(Status.REVIEW);
            svc.slack.awaitMessage(m -> m.channel().equals("DUC") && m.seen().contains("1 of 2 approved: <@UA>")
                    && m.actionIds().contains(ApprovalMessage.APPROVE));

            click(svc, "UB", ApprovalMessage.APPROVE, ref, "b");
            assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.DONE);
            // The third approver's request now shows the outcome, and no buttons.
            svc.slack.awaitMessage(m -> m.channel().equals("DUC") && m.seen().contains("2 of 2 approved: <@UA>, <@UB>")
                    && m.actionIds().isEmpty());
            click(svc, "UC", ApprovalMessage.APPROVE, ref, "c");
            assertThat(ephemeral(svc, "c")).contains("already approved");
        }
    }

    @Test
    void theCreationFormAsksForAQuorum() {
        try (RunningService svc = new RunningService()) {
            HttpResponse<String> r = svc.requests.interaction(SlackPayloads.viewSubmission("UCREATOR", "V-new",
                    io.taskbridge.slack.TaskModal.CALLBACK_ID, "C7", """
                    {"title":{"title_input":{"type":"plain_text_input","value":"Quorum from the form"}},
                     "approvers":{"approvers_select":{"type":"multi_users_select","selected_users":["UA","UB","UC"]}},
                     "approval_mode":{"approval_mode_select":{"type":"static_select",
                        "selected_option":{"text":{"type":"plain_text","text":"Any 2 approvers"},"value":"2"}}}}
                    """));
            assertThat(r.body()).doesNotContain("errors");
            long id = svc.service.tasks().list(io.taskbridge.task.TaskQuery.all()).get(0).id();
            assertThat(svc.service.approvals().find(id).orElseThrow().steps().get(0).mode())
                    .isEqualTo(CompletionMode.anyOf(2));
            assertThat(svc.slack.awaitButtonFor("UA", ApprovalMessage.APPROVE).seen()).contains("0 of 2 approved");
        }
    }

    @Test
    void aQuorumStepFailsOnlyWhenItCanNoLongerReachItsCount() {
        try (RunningService svc = new RunningService()) {
            long id = newTask(svc, "Quorum reject");
            svc.requests.command("review " + id + " <@UA> <@UB> <@UC> any 2", "UCREATOR", "C1", "t-q",
                    svc.slack.responseUrl("q"));
            reply(svc, "q");
            ApprovalChanged first = svc.service.approvals().decide(id, 1, 0, "UA", Decision.REJECT, Optional.of("too dear"));
            assertThat(first.kind()).as("two of the three can still approve").isEqualTo(ApprovalChanged.Kind.ANSWERED);
            assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.REVIEW);
            ApprovalChanged second = svc.service.approvals().decide(id, 1, 0, "UB", Decision.REJECT, Optional.of("agreed"));
            assertThat(second.kind()).isEqualTo(ApprovalChanged.Kind.REJECTED);
            assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.IN_PROGRESS);
        }
    }

    @Test
    void aGroupStepAsksTheGroupsMembersButNeverTheCreator() {
        try (RunningService svc = new RunningService()) {
            svc.slack.userGroup("S123", "UG1", "UG2", "UCREATOR");
            long id = newTask(svc, "Group invoice");
            svc.requests.command("review " + id + " <!subteam^S123|@finance> all", "UCREATOR", "C1", "t-g",
                    svc.slack.responseUrl("g"));
            assertThat(reply(svc, "g")).contains("@finance");
            FakeSlack.Message toG1 = svc.slack.awaitButtonFor("UG1", ApprovalMessage.APPROVE);
            svc.slack.awaitButtonFor("UG2", ApprovalMessage.APPROVE);
            assertThat(toG1.seen()).contains("@finance");
            assertThat(svc.slack.calls("usergroups.users.list")).singleElement()
                    .satisfies(c -> assertThat(c.param("usergroup")).isEqualTo("S123"));
            Approval a = svc.service.approvals().find(id).orElseThrow();
            assertThat(a.steps().get(0).participants()).containsExactlyInAnyOrder("UG1", "UG2");
            // A second look-up of the same group (an outbox retry) changes nothing.
            assertThat(svc.service.approvals().expandGroup(id, 1, 0, "S123", java.util.List.of("UZ"))).isEmpty();
            assertThat(svc.service.approvals().find(id).orElseThrow().steps().get(0).participants()).doesNotContain("UZ");

            click(svc, "UG1", ApprovalMessage.APPROVE, id + ":1:0", "g1");
            assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.REVIEW);
            click(svc, "UG2", ApprovalMessage.APPROVE, id + ":1:0", "g2");
            assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.DONE);
            Quiescence.await(svc);
            assertThat(svc.slack.channelMessages("DUCREATOR")).noneMatch(m -> m.actionIds().contains(ApprovalMessage.APPROVE));
            svc.requests.command("history " + id, "UCREATOR", "C1", "t-h", svc.slack.responseUrl("h"));
            assertThat(reply(svc, "h")).contains("approval.group_expanded").contains("@finance");
        }
    }

    @Test
    void aGroupSlackCannotLookUpBringsNobodyAndTheStepGoesOnWithItsPeople() throws Exception {
        try (RunningService svc = new RunningService()) {
            long id = newTask(svc, "Ghost group invoice");
            svc.requests.command("review " + id + " <@UA> <!subteam^SGONE|@ghost> all", "UCREATOR", "C1", "t-x",
                    svc.slack.responseUrl("x"));
            reply(svc, "x");
            svc.slack.awaitButtonFor("UA", ApprovalMessage.APPROVE);
            click(svc, "UA", ApprovalMessage.APPROVE, id + ":1:0", "ua");
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            while (svc.service.tasks().get(id).status() != Status.DONE && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(svc.slack.calls("usergroups.users.list")).isNotEmpty();
            assertThat(svc.service.tasks().get(id).status())
                    .as("no_such_subteam: the group brings nobody, and UA's approval is everyone's").isEqualTo(Status.DONE);
        }
    }

    @Test
    void aDelegationMovesTheVoteIsRecordedAndStrangersChangeNothing() {
        try (RunningService svc = new RunningService()) {
            long id = newTask(svc, "Delegated contract");
            svc.requests.command("review " + id + " <@UA> <@UB> all", "UCREATOR", "C1", "t-r", svc.slack.responseUrl("r"));
            reply(svc, "r");
            svc.slack.awaitButtonFor("UA", ApprovalMessage.DELEGATE);
            String ref = id + ":1:0";

            // A stranger can neither hand over someone's place nor their own (they have none).
            svc.requests.command("delegate " + id + " <@UA> <@UX>", "UX", "C1", "t-x1", svc.slack.responseUrl("x1"));
            assertThat(reply(svc, "x1")).contains("Only an approver");
            svc.requests.command("delegate " + id + " <@UY>", "UX", "C1", "t-x2", svc.slack.responseUrl("x2"));
            assertThat(reply(svc, "x2")).contains("not an approver");
            click(svc, "UX", ApprovalMessage.DELEGATE, ref, "x-click");
            assertThat(ephemeral(svc, "x-click")).contains("not one of them");
            assertThat(svc.slack.calls("views.open")).noneMatch(c -> c.param("view").contains(Delegations.CALLBACK_ID));
            HttpResponse<String> picked = svc.requests.interaction(pick("UX", ref, "UX"));
            assertThat(picked.body()).contains("\"response_action\":\"errors\"");
            // Nobody hands a place to the task's creator (self-approval).
            svc.requests.command("delegate " + id + " <@UCREATOR>", "UA", "C1", "t-self", svc.slack.responseUrl("self"));
            assertThat(reply(svc, "self")).contains("can't be approved by who created it");
            assertThat(svc.service.approvals().find(id).orElseThrow().steps().get(0).participants())
                    .containsExactlyInAnyOrder("UA", "UB");

            // UA hands over by command; UD is asked, UA is told and keeps seeing the request, without buttons.
            svc.requests.command("delegate " + id + " <@UD>", "UA", "C1", "t-d", svc.slack.responseUrl("d"));
            assertThat(reply(svc, "d")).contains("went to <@UD>");
            svc.slack.awaitButtonFor("UD", ApprovalMessage.APPROVE);
            svc.slack.awaitMessage(m -> m.channel().equals("DUA") && m.text().contains("your place as approver went to <@UD>"));
            svc.slack.awaitMessage(m -> m.channel().equals("DUA") && m.seen().contains("(for <@UA>)")
                    && m.actionIds().isEmpty());
            click(svc, "UA", ApprovalMessage.APPROVE, ref, "a-late");
            assertThat(ephemeral(svc, "a-late")).contains("not one of them");

            // UB hands over through the button and the user picker.
            click(svc, "UB", ApprovalMessage.DELEGATE, ref, "b-del");
            FakeSlack.Call modal = svc.slack.await("views.open", c -> c.param("view").contains(Delegations.CALLBACK_ID));
            assertThat(modal.param("view")).contains(ref);
            assertThat(svc.requests.interaction(pick("UB", ref, "UE")).body()).doesNotContain("errors");

            // The creator replaces UE, who is away, with UF; UE is told who did it.
            svc.requests.command("delegate " + id + " <@UE> <@UF>", "UCREATOR", "C1", "t-c", svc.slack.responseUrl("c"));
            assertThat(reply(svc, "c")).contains("went to <@UF>");
            svc.slack.awaitMessage(m -> m.channel().equals("DUE") && m.text().contains("went to <@UF> (by <@UCREATOR>)"));
            svc.slack.awaitButtonFor("UF", ApprovalMessage.APPROVE);

            click(svc, "UD", ApprovalMessage.APPROVE, ref, "d-ok");
            assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.REVIEW);
            click(svc, "UF", ApprovalMessage.APPROVE, ref, "f-ok");
            assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.DONE);

            svc.requests.command("history " + id, "UCREATOR", "C1", "t-h", svc.slack.responseUrl("h"));
            String history = reply(svc, "h");
            assertThat(history).contains("`approval.delegated` step 1 UA -&gt; UD").contains("step 1 UB -&gt; UE")
                    .contains("step 1 UE -&gt; UF");
        }
    }

    static String pick(String user, String ref, String chosen) {
        return SlackPayloads.viewSubmission(user, "V-del-" + user, Delegations.CALLBACK_ID, ref, """
                {"%s":{"%s":{"type":"users_select","selected_user":"%s"}}}
                """.formatted(Delegations.PICK_BLOCK, Delegations.PICK_ACTION, chosen));
    }
}
