package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import io.taskbridge.testing.SlackReply;
import io.taskbridge.testing.SlackRequests;
import io.taskbridge.task.Status;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The App Home over signed loopback HTTP: {@code app_home_opened} publishes the person's own board
 * (what waits for their approval, what is assigned to them, what they created) with the buttons of
 * the task and approval messages, read through the permission door of their own workspace; its
 * buttons are checked like everywhere else.
 */
class AppHomeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicInteger ids = new AtomicInteger();
    RunningService svc;

    @BeforeEach
    void start() {
        svc = new RunningService();
    }

    @AfterEach
    void stop() {
        svc.close();
    }

    @Test
    void openingTheHomePublishesTheUsersBoardAndNothingOfOthersOrOtherWorkspaces() throws Exception {
        say(svc.requests, "UBOB", "C1", "general", "add Ship the release <@UALICE|alice>");           // #1 assigned to UA
        say(svc.requests, "UALICE", "C1", "general", "add Write the minutes");                 // #2 created by UA
        say(svc.requests, "UBOB", "C1", "general", "add Sign the contract");                 // #3
        say(svc.requests, "UBOB", "C1", "general", "review 3 <@UALICE|alice>");                      // waits for UA
        say(svc.requests, "UCAROL", "G1", "privategroup", "add Salary review");                // UC's private task
        say(svc.requests.fromTeam("T2"), "UBOB", "C2", "general", "add Beta secret <@UALICE|alice>"); // #5, workspace T2
        say(svc.requests.fromTeam("T2"), "UBOB", "C2", "general", "review 5 <@UALICE|alice>");
        Quiescence.await(svc);
        assertThat(svc.slack.calls("views.publish")).isEmpty();

        svc.requests.event(SlackPayloads.appHomeOpened("T1", "UALICE", "EvHome1"));

        FakeSlack.Call published = svc.slack.await("views.publish", c -> "UALICE".equals(c.param("user_id")));
        JsonNode view = JSON.readTree(published.param("view"));
        assertThat(view.path("type").asText()).isEqualTo("home");
        String home = view.path("blocks").toString();
        assertThat(home).contains("Waiting for my approval", "Assigned to me", "Created by me", HomeTab.NEW_TASK)
                .contains("Ship the release", "Write the minutes", "Sign the contract")
                .contains(ApprovalMessage.APPROVE, ApprovalMessage.REJECT, TaskMessage.START, TaskMessage.DONE)
                .contains("3:1:0"); // Approve / Reject carry the round and step, like the approval DM's
        assertThat(home).doesNotContain("Salary review").doesNotContain("Beta secret");
        Quiescence.await(svc);
        assertThat(svc.slack.homes("UALICE")).hasSize(1);
        assertThat(svc.slack.calls("views.publish")).allMatch(c -> "UALICE".equals(c.param("user_id")));
    }

    @Test
    void doneOnTheHomeIsCheckedLikeDoneOnTheTaskMessage() {
        say(svc.requests, "UBOB", "C1", "general", "add Ship the release <@UALICE|alice>");
        svc.requests.event(SlackPayloads.appHomeOpened("T1", "UALICE", "EvHome1"));
        svc.slack.await("views.publish");

        // A stranger forges a click on UA's home: nothing changes.
        svc.requests.interaction(SlackPayloads.homeClick("UZED", TaskMessage.DONE, "home_task_actions:1", "1"));
        Quiescence.await(svc);
        assertThat(svc.service.tasks().get(1).status()).isEqualTo(Status.TODO);

        // The assignee's own click does it, and the home is published again to show it.
        svc.requests.interaction(SlackPayloads.homeClick("UALICE", TaskMessage.DONE, "home_task_actions:1", "1"));
        svc.slack.await("views.publish", c -> svc.slack.homes("UALICE").size() == 2);
        assertThat(svc.service.tasks().get(1).status()).isEqualTo(Status.DONE);
    }

    @Test
    void approveOnTheHomeBySomeoneWhoIsNotTheApproverChangesNothing() {
        say(svc.requests, "UBOB", "C1", "general", "add Sign the contract");
        say(svc.requests, "UBOB", "C1", "general", "review 1 <@UCAROL|carol>");
        svc.requests.event(SlackPayloads.appHomeOpened("T1", "UCAROL", "EvHome1"));
        String value = "1:1:0";
        assertThat(svc.slack.await("views.publish").param("view")).contains(value);

        // The creator and a stranger forge Carol's Approve: both are refused, the review still waits.
        svc.requests.interaction(SlackPayloads.homeClick("UZED", ApprovalMessage.APPROVE, "home_approval_actions:" + value, value));
        svc.requests.interaction(SlackPayloads.homeClick("UBOB", ApprovalMessage.APPROVE, "home_approval_actions:" + value, value));
        Quiescence.await(svc);
        assertThat(svc.service.approvals().find(1).orElseThrow().state()).isEqualTo(io.taskbridge.approval.Approval.State.PENDING);
        assertThat(svc.service.tasks().get(1).status()).isEqualTo(Status.REVIEW);

        // Carol's own click decides it.
        svc.requests.interaction(SlackPayloads.homeClick("UCAROL", ApprovalMessage.APPROVE, "home_approval_actions:" + value, value));
        Quiescence.await(svc);
        assertThat(svc.service.approvals().find(1).orElseThrow().state()).isEqualTo(io.taskbridge.approval.Approval.State.APPROVED);
    }

    private String say(SlackRequests from, String user, String channel, String channelName, String text) {
        String id = "h" + ids.incrementAndGet();
        return SlackReply.of(from.command(text, user, channel, channelName, "trigger-" + id, svc.slack.responseUrl(id)),
                svc.slack, id);
    }
}
