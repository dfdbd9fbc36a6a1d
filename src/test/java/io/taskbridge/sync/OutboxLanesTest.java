package io.taskbridge.sync;

import static io.taskbridge.sync.WorkivaPollingTest.command;
import static io.taskbridge.sync.WorkivaPollingTest.env;
import static io.taskbridge.sync.WorkivaPollingTest.poll;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.slack.ApprovalMessage;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.FakeTaskServer;
import io.taskbridge.testing.FakeWorkiva;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Slack messages and task-system deliveries travel in lanes of their own: while Workiva hangs on an
 * approval's actionSubmission, a task created meanwhile is posted to Slack, before Workiva has
 * answered (the fake applies the decision only after its hang).
 */
class OutboxLanesTest {

    @Test
    void aHangingTaskSystemDoesNotHoldUpSlackMessages() throws Exception {
        try (FakeWorkiva fake = new FakeWorkiva();
             RunningService svc = new RunningService(Databases.sqliteUrl(), env(fake), List.of(), new FakeSlack())) {
            command(svc, "connect workiva", "UADMIN", "C1");
            command(svc, "link <@UA> VA", "UADMIN", "C1");
            poll(svc);
            command(svc, "add Held in Workiva <@UA>", "UC", "C1");
            long id = svc.service.tasks().list(TaskQuery.all()).get(0).id();
            String external = fake.tasks().get(0).id;
            // /task review sets up the approval step in Workiva (the client as its participant) and
            // submits the task; once Workiva awaits approval, the decision can be taken there.
            command(svc, "review " + id + " <@UR>", "UC", "C1");
            String requestTs = svc.slack.awaitButtonFor("UR", ApprovalMessage.APPROVE).ts();
            io.taskbridge.testing.Quiescence.await(svc);
            assertThat(fake.task(external).status).isEqualTo("Awaiting Approval");

            fake.failNext(new FakeTaskServer.Failure.Hang(Duration.ofSeconds(8)));
            svc.requests.interaction(SlackPayloads.buttonClick("UR", ApprovalMessage.APPROVE,
                    "approval_actions:" + id, id + ":1:0", "DUR", requestTs, svc.slack.responseUrl("click")));
            awaitSubmission(fake, external);

            // Workiva is now holding the decision's request open. A task made in a built-in channel
            // is posted while it does.
            svc.requests.command("add Posted meanwhile", "UC", "C9", "t-meanwhile", svc.slack.responseUrl("meanwhile"));
            svc.slack.await("chat.postMessage", c -> "C9".equals(c.param("channel")));
            assertThat(fake.task(external).status).as("Workiva has not answered yet").isNotEqualTo("Approved");

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!"Approved".equals(fake.task(external).status) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(fake.task(external).status).isEqualTo("Approved");
            assertThat(approvals(fake, external)).isEqualTo(1);
        }
    }

    private static void awaitSubmission(FakeWorkiva fake, String external) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (approvals(fake, external) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(approvals(fake, external)).isEqualTo(1);
    }

    /** APPROVE submissions received for the task (the review's SUBMIT came before them). */
    private static long approvals(FakeWorkiva fake, String external) {
        return fake.seen().stream().filter(s -> s.path().endsWith("/tasks/" + external + "/actionSubmission")
                && s.body() != null && s.body().contains("\"APPROVE\"")).count();
    }
}
