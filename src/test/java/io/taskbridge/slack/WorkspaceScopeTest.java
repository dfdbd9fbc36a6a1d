package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import io.taskbridge.testing.SlackReply;
import io.taskbridge.testing.SlackRequests;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tenancy at the Slack entry points: requests from two workspaces reach one service, and a task of
 * one does not exist for the other (commands, lists, buttons), over signed loopback HTTP.
 */
class WorkspaceScopeTest {
    RunningService svc;
    SlackRequests t1;
    SlackRequests t2;

    @BeforeEach
    void start() {
        svc = new RunningService();
        t1 = svc.requests.fromTeam("T1");
        t2 = svc.requests.fromTeam("T2");
    }

    @AfterEach
    void stop() {
        svc.close();
    }

    @Test
    void eachWorkspaceSeesOnlyItsOwnTasks() {
        assertThat(reply(t1, "add Alpha report <@UX|x>", "UA", "C1", "a")).contains("#1");
        assertThat(reply(t2, "add Beta report <@UX|x>", "UB", "C2", "b")).contains("#2");

        assertThat(svc.service.tasks().get(1).workspace()).isEqualTo(new WorkspaceId("T1"));
        assertThat(svc.service.tasks().get(2).workspace()).isEqualTo(new WorkspaceId("T2"));

        assertThat(reply(t1, "list <@UX|x>", "UA", "C1", "l1")).contains("Alpha report").doesNotContain("Beta report");
        assertThat(reply(t2, "list <@UX|x>", "UB", "C2", "l2")).contains("Beta report").doesNotContain("Alpha report");

        assertThat(reply(t2, "show 1", "UB", "C2", "s2")).contains("no task #1").doesNotContain("Alpha");
        assertThat(reply(t1, "show 1", "UA", "C1", "s1")).contains("Alpha report");

        assertThat(reply(t2, "done 1", "UB", "C2", "d2")).contains("no task #1");
        assertThat(reply(t2, "assign 1 <@UB|b>", "UB", "C2", "as2")).contains("no task #1");
        assertThat(reply(t2, "review 1 <@UB|b>", "UB", "C2", "r2")).contains("no task #1");
        Task alpha = svc.service.tasks().get(1);
        assertThat(alpha.status()).isEqualTo(Status.TODO);
        assertThat(alpha.assignee()).contains("UX");

        assertThat(reply(t1, "done 1", "UA", "C1", "d1")).contains("#1");
        assertThat(svc.service.tasks().get(1).status()).isEqualTo(Status.DONE);
    }

    @Test
    void aButtonFromAnotherWorkspaceChangesNothing() {
        reply(t1, "add Alpha report", "UA", "C1", "a");
        String ts = awaitTs(1);

        svc.requests.interaction(SlackPayloads.buttonClick("T2", "UB", TaskMessage.DONE, TaskMessage.ACTIONS_BLOCK + 1,
                "1", "C1", ts, svc.slack.responseUrl("foreign")));
        assertThat(svc.slack.await("response_url", c -> c.form().get("id").equals("foreign")).json().path("text").asText())
                .contains("no task #1");
        assertThat(svc.service.tasks().get(1).status()).isEqualTo(Status.TODO);

        svc.requests.interaction(SlackPayloads.buttonClick("T1", "UA", TaskMessage.DONE, TaskMessage.ACTIONS_BLOCK + 1,
                "1", "C1", ts, svc.slack.responseUrl("own")));
        svc.slack.await("chat.update", c -> c.param("ts").equals(ts) && c.param("blocks").contains("Done"));
        assertThat(svc.service.tasks().get(1).status()).isEqualTo(Status.DONE);
    }

    @Test
    void anOrgWideClickWithNoTeamActsInTheEnterprisesWorkspace() {
        WorkspaceId org = new WorkspaceId("E1");
        long id = svc.service.tasks().in(org).create(TaskDraft.titled("Org-wide task"), "UA",
                Optional.of(io.taskbridge.task.SlackPlace.channel("T9", "C9")), Optional.empty()).task().id();
        String ts = awaitTs(id);

        svc.requests.interaction(SlackPayloads.orgWideButtonClick("E1", "T9", "UA", TaskMessage.DONE,
                TaskMessage.ACTIONS_BLOCK + id, Long.toString(id), "C9", ts, svc.slack.responseUrl("org")));

        svc.slack.await("chat.update", c -> c.param("ts").equals(ts) && c.param("blocks").contains("Done"));
        assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.DONE);
        assertThat(svc.service.tasks().in(new WorkspaceId("T9")).find(id)).isEmpty();
    }

    @Test
    void tasksMadeOutsideAnyRequestBelongToTheBotTokensWorkspace() {
        Task made = svc.service.tasks().create(TaskDraft.titled("From the system"), "system", Optional.empty(),
                Optional.empty()).task();

        assertThat(made.workspace()).as("auth.test of the fake names T1").isEqualTo(new WorkspaceId("T1"));
        assertThat(reply(t1, "show " + made.id(), "UA", "C1", "sys")).contains("From the system");
    }

    private String reply(SlackRequests from, String text, String user, String channel, String id) {
        return SlackReply.of(from.command(text, user, channel, "trigger-" + id, svc.slack.responseUrl(id)), svc.slack, id);
    }

    private String awaitTs(long taskId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> ts = svc.service.tasks().get(taskId).slack().flatMap(p -> p.messageTs());
            if (ts.isPresent()) {
                return ts.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("task #" + taskId + " was not posted");
    }
}
