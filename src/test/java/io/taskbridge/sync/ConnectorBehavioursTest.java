package io.taskbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.FakeTaskApi;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackReply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * README connector behaviours end to end against the seed-001 fake: the admins setting, the first
 * poll importing quietly, subscriptions with a filter, unsubscribe, and a failed apply caught up by
 * the next poll. "Nothing was said" is shown at rest ({@link Quiescence}), not after a sleep.
 */
class ConnectorBehavioursTest {
    int n;

    String command(RunningService svc, String text, String user, String channel) {
        String id = "c" + (++n);
        return SlackReply.of(svc.requests.command(text, user, channel, "t" + n, svc.slack.responseUrl(id)), svc.slack, id);
    }

    static Map<String, String> env(FakeTaskApi fake, String admins) {
        return Map.of("TASKAPI_BASE_URL", fake.baseUrl(), "TASKAPI_TOKEN", FakeTaskApi.TOKEN,
                "TASKBRIDGE_POLL_INTERVAL", "1h", "TASKBRIDGE_ADMINS", admins);
    }

    static List<FakeSlack.Message> posts(RunningService svc, String channel) {
        return svc.slack.channelMessages(channel);
    }

    @Test
    void onlyTheListedAdminsConnectLinkAndSubscribe() {
        try (FakeTaskApi fake = new FakeTaskApi();
             RunningService svc = new RunningService(Databases.sqliteUrl(), env(fake, "UADMIN,UOTHER"), List.of(), new FakeSlack())) {
            assertThat(command(svc, "connect taskapi", "UBOB", "C1")).contains("Only Taskbridge admins");
            assertThat(command(svc, "link <@UALICE> u-1", "UBOB", "C1")).contains("Only Taskbridge admins");
            assertThat(command(svc, "subscribe taskapi", "UBOB", "C1")).contains("Only Taskbridge admins");
            assertThat(command(svc, "subscriptions", "UBOB", "C1")).contains("no subscriptions");
            // Nothing changed: new tasks here still stay in the built-in store.
            command(svc, "add Stays here", "UBOB", "C1");
            assertThat(fake.tasks()).isEmpty();

            assertThat(command(svc, "connect taskapi", "UOTHER", "C1")).doesNotContain("Only Taskbridge admins");
            command(svc, "add Goes there", "UBOB", "C1");
            Quiescence.await(svc);
            assertThat(fake.tasks()).extracting(t -> t.title).containsExactly("Goes there");
        }
    }

    @Test
    void theFirstPollImportsQuietlyThenAFilteredSubscriptionHearsOnlyItsChangesUntilUnsubscribed() {
        try (FakeTaskApi fake = new FakeTaskApi()) {
            // The task API is down while the service starts: the poll made at start fails, so the
            // connection has not been polled yet when the subscriptions are made.
            fake.down(true);
            try (RunningService svc = new RunningService(Databases.sqliteUrl(), env(fake, ""), List.of(), new FakeSlack())) {
                svc.slack.workspaceAdmin("UADMIN"); // TASKBRIDGE_ADMINS unset: the workspace's own admins
            assertThat(command(svc, "subscribe taskapi status:review", "UADMIN", "C2")).contains("now hears about");
            assertThat(command(svc, "subscriptions", "UADMIN", "C2")).contains("review");
            assertThat(command(svc, "subscribe taskapi", "UADMIN", "C3")).contains("now hears about");
            FakeTaskApi.Task a = fake.seed("Quarterly numbers", "TODO");
            FakeTaskApi.Task b = fake.seed("Office party", "TODO");
            fake.down(false);

            assertThat(svc.poll("taskapi").ok()).isTrue();
            Quiescence.await(svc);
            assertThat(svc.service.tasks().list(TaskQuery.all())).extracting(Task::title)
                    .containsExactlyInAnyOrder("Quarterly numbers", "Office party");
            assertThat(svc.slack.posted()).as("the first poll imports without telling anyone, C3 included").isEmpty();

            fake.edit(a.id, t -> t.status = "IN_PROGRESS");
            fake.edit(b.id, t -> t.status = "IN_PROGRESS");
            svc.poll("taskapi");
            Quiescence.await(svc);
            assertThat(posts(svc, "C2")).as("status:review hears no move to in progress").isEmpty();
            assertThat(posts(svc, "C3")).as("every change: both moves are told").hasSize(2);

            fake.edit(a.id, t -> t.status = "REVIEW");
            svc.poll("taskapi");
            Quiescence.await(svc);
            assertThat(posts(svc, "C2")).singleElement().satisfies(m -> assertThat(m.seen())
                    .contains("Quarterly numbers").doesNotContain("Office party"));

            assertThat(command(svc, "unsubscribe taskapi", "UADMIN", "C2")).contains("no longer hears");
            assertThat(command(svc, "subscriptions", "UADMIN", "C2")).contains("no subscriptions");
            fake.edit(b.id, t -> t.status = "REVIEW");
            svc.poll("taskapi");
            Quiescence.await(svc);
            assertThat(svc.service.tasks().list(TaskQuery.all()).stream().filter(t -> t.title().equals("Office party")))
                    .singleElement().satisfies(t -> assertThat(t.status()).isEqualTo(Status.REVIEW));
            assertThat(posts(svc, "C2")).as("unsubscribed: nothing more").hasSize(1);
            }
        }
    }

    @Test
    void aFailedApplyIsCaughtUpByTheNextPoll() {
        try (FakeTaskApi fake = new FakeTaskApi();
             RunningService svc = new RunningService(Databases.sqliteUrl(), env(fake, ""), List.of(), new FakeSlack())) {
            svc.slack.workspaceAdmin("UADMIN"); // TASKBRIDGE_ADMINS unset: the workspace's own admins
            FakeTaskApi.Task t = fake.seed("Renew the lease", "TODO");
            svc.poll("taskapi");
            fake.edit(t.id, x -> x.status = "IN_PROGRESS");
            fake.down(true);
            assertThat(svc.poll("taskapi").ok()).as("the system is down").isFalse();
            assertThat(status(svc, "Renew the lease")).isEqualTo(Status.TODO);

            fake.down(false);
            assertThat(svc.poll("taskapi").ok()).isTrue();
            assertThat(status(svc, "Renew the lease")).as("the next poll brings the change").isEqualTo(Status.IN_PROGRESS);
        }
    }

    @Test
    void aWebhookWhoseApplyFailsIsCaughtUpByTheNextPoll() throws Exception {
        try (FakeTaskApi fake = new FakeTaskApi()) {
            Map<String, String> env = new java.util.HashMap<>(env(fake, ""));
            env.put("TASKAPI_WEBHOOK_SECRET", "whsec-apply");
            try (RunningService svc = new RunningService(Databases.sqliteUrl(), env, List.of(), new FakeSlack())) {
                svc.slack.workspaceAdmin("UADMIN"); // TASKBRIDGE_ADMINS unset: the workspace's own admins
                assertThat(command(svc, "subscribe taskapi", "UADMIN", "C4")).contains("now hears about");
                FakeTaskApi.Task t = fake.seed("Sign the contract", "TODO");
                assertThat(svc.poll("taskapi").ok()).isTrue();
                Quiescence.await(svc);
                // Polled at start already, so this task is news: one post says it was created.
                assertThat(posts(svc, "C4")).singleElement().satisfies(m -> assertThat(m.seen()).contains("created"));

                // The task moves; the webhook saying so arrives while the system cannot be read.
                fake.edit(t.id, x -> x.status = "IN_PROGRESS");
                fake.down(true);
                fake.clearSeen();
                var r = webhook(svc, "whsec-apply", "{\"event\":\"task.updated\",\"task\":{\"id\":\"" + t.id + "\"}}");
                assertThat(r.statusCode()).as("README: the webhook is answered at once").isEqualTo(202);
                Quiescence.await(svc);
                assertThat(fake.seen()).as("the webhook's work tried to read the task")
                        .anySatisfy(s -> assertThat(s.path()).endsWith("/tasks/" + t.id));
                assertThat(status(svc, "Sign the contract")).as("the apply failed: nothing changed here")
                        .isEqualTo(Status.TODO);
                assertThat(posts(svc, "C4")).as("and nobody was told").hasSize(1);

                // README: "If applying fails (the system is down), the next poll brings the change."
                fake.down(false);
                assertThat(svc.poll("taskapi").ok()).isTrue();
                Quiescence.await(svc);
                assertThat(status(svc, "Sign the contract")).isEqualTo(Status.IN_PROGRESS);
                assertThat(posts(svc, "C4")).hasSize(2).last().satisfies(m -> assertThat(m.seen())
                        .contains("Sign the contract").contains("status TODO → *IN_PROGRESS*"));
            }
        }
    }

    @Test
    void aDeletionWebhookRecordsTheTaskAsCanceled() throws Exception {
        try (FakeTaskApi fake = new FakeTaskApi()) {
            Map<String, String> env = new java.util.HashMap<>(env(fake, ""));
            env.put("TASKAPI_WEBHOOK_SECRET", "whsec-delete");
            try (RunningService svc = new RunningService(Databases.sqliteUrl(), env, List.of(), new FakeSlack())) {
                svc.slack.workspaceAdmin("UADMIN"); // TASKBRIDGE_ADMINS unset: the workspace's own admins
                FakeTaskApi.Task t = fake.seed("Old campaign", "IN_PROGRESS");
                svc.poll("taskapi");
                assertThat(status(svc, "Old campaign")).isEqualTo(Status.IN_PROGRESS);

                java.net.http.HttpResponse<String> r = webhook(svc, "whsec-delete",
                        "{\"event\":\"task.deleted\",\"task\":{\"id\":\"" + t.id + "\"}}");
                assertThat(r.statusCode()).isEqualTo(202);
                Quiescence.await(svc);
                assertThat(status(svc, "Old campaign")).as("README: a deleted task is recorded as CANCELED")
                        .isEqualTo(Status.CANCELED);
            }
        }
    }

    /** A generic-webhook delivery signed with {@code secret} as README says. */
    static java.net.http.HttpResponse<String> webhook(RunningService svc, String secret, String body) throws Exception {
        String now = String.valueOf(java.time.Instant.now().getEpochSecond());
        String signature = "sha256=" + io.taskbridge.sync.Webhooks.sign(new io.taskbridge.platform.Secret(secret),
                now, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + svc.service.port()
                                + "/webhooks/taskapi"))
                        .header("Content-Type", "application/json")
                        .header(io.taskbridge.sync.Webhooks.TIMESTAMP, now)
                        .header(io.taskbridge.sync.Webhooks.SIGNATURE, signature)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    static Status status(RunningService svc, String title) {
        return svc.service.tasks().list(TaskQuery.all()).stream().filter(x -> x.title().equals(title)).findFirst()
                .orElseThrow().status();
    }
}
