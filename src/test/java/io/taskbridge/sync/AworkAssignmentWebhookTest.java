package io.taskbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeAwork;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * awork's {@code taskassignment_added} / {@code taskassignment_deleted} webhooks (README): the task
 * is read again and its assignee follows, matched to the Slack user linked to the awork user; an
 * assignment removed is not the task deleted.
 */
class AworkAssignmentWebhookTest {
    static final Map<String, String> HOOK = Map.of("X-Taskbridge-Token", "hook-secret");

    @Test
    void assignmentEventsMoveTheAssigneeAndNeverCancelTheTask() throws Exception {
        try (FakeAwork fake = new FakeAwork()) {
            Map<String, String> env = Map.of("AWORK_BASE_URL", fake.baseUrl(), "AWORK_API_KEY", FakeAwork.KEY,
                    "AWORK_PROJECT_ID", FakeAwork.PROJECT, "AWORK_WEBHOOK_SECRET", "hook-secret",
                    "TASKBRIDGE_POLL_INTERVAL", "1h");
            try (RunningService svc = new RunningService(Databases.sqliteUrl(), env, List.of(), new FakeSlack())) {
                svc.slack.workspaceAdmin("UADMIN"); // TASKBRIDGE_ADMINS unset: the workspace's own admins
                svc.requests.command("link <@UALICE> aw-alice awork", "UADMIN", "C1", "t-link", svc.slack.responseUrl("link"));
                svc.slack.await("response_url", c -> c.form().get("id").equals("link"));
                FakeAwork.Task t = fake.seed("Draft the brochure", FakeAwork.PROJECT);
                svc.poll("awork");
                assertThat(local(svc).assignee()).isEmpty();

                fake.edit(t.id, x -> x.assignees.add("aw-alice"));
                String added = "{\"eventType\":\"taskassignment_added\",\"entity\":{\"taskId\":\"" + t.id
                        + "\",\"userId\":\"aw-alice\"}}";
                assertThat(WebhooksTest.post(svc, "/webhooks/awork", added, HOOK).statusCode()).isEqualTo(202);
                Quiescence.await(svc);
                assertThat(local(svc).assignee()).contains("UALICE");

                fake.edit(t.id, x -> x.assignees.clear());
                String removed = "{\"eventType\":\"taskassignment_deleted\",\"entity\":{\"taskId\":\"" + t.id
                        + "\",\"userId\":\"aw-alice\"}}";
                assertThat(WebhooksTest.post(svc, "/webhooks/awork", removed, HOOK).statusCode()).isEqualTo(202);
                Quiescence.await(svc);
                Task after = local(svc);
                assertThat(after.assignee()).isEmpty();
                assertThat(after.status()).as("an assignment removed is not the task deleted").isNotEqualTo(Status.CANCELED);
            }
        }
    }

    static Task local(RunningService svc) {
        return svc.service.tasks().list(io.taskbridge.task.TaskQuery.all()).stream()
                .filter(x -> x.title().equals("Draft the brochure")).findFirst().orElseThrow();
    }
}
