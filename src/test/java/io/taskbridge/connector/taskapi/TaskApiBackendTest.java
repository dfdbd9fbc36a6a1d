package io.taskbridge.connector.taskapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskbridge.platform.Json;
import io.taskbridge.platform.Secret;
import io.taskbridge.connector.BackendException;
import io.taskbridge.connector.BackendHttp;
import io.taskbridge.connector.NewTask;
import io.taskbridge.connector.RemoteTask;
import io.taskbridge.task.Status;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.FakeTaskApi;
import io.taskbridge.testing.FakeTaskServer;
import io.taskbridge.testing.RunningService;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The generic task REST client against a fake seed-001 server on loopback. */
class TaskApiBackendTest {
    static final BackendHttp.Policy FAST = new BackendHttp.Policy(Duration.ofSeconds(2), Duration.ofMillis(1500), 3,
            Duration.ofMillis(20), Duration.ofSeconds(2));

    static TaskApiBackend backend(FakeTaskApi fake) {
        return new TaskApiBackend(new TaskApiSettings(URI.create(fake.baseUrl()), new Secret(FakeTaskApi.TOKEN)), FAST,
                Json.mapper(), Clock.systemUTC());
    }

    @Test
    void createsAndMovesAlongTheStrictLifecycle() {
        try (FakeTaskApi fake = new FakeTaskApi()) {
            TaskApiBackend b = backend(fake);
            RemoteTask t = b.create(new NewTask("Implement authentication", Optional.empty(), Optional.of("user123"),
                    Optional.of(Instant.parse("2026-12-01T17:00:00Z")), true));
            assertThat(t.status()).isEqualTo(Status.TODO);
            assertThat(fake.seen().get(0).body()).contains("\"priority\":\"HIGH\"").contains("\"assigneeId\":\"user123\"");
            assertThat(b.updateStatus(t.externalId(), Status.IN_PROGRESS).status()).isEqualTo(Status.IN_PROGRESS);
            assertThatThrownBy(() -> b.updateStatus(t.externalId(), Status.DONE))
                    .isInstanceOfSatisfying(BackendException.Invalid.class, e -> {
                        assertThat(e.getMessage()).contains("invalid_status_transition");
                        assertThat(e.fields()).containsKey("status");
                    });
            assertThat(b.assign(t.externalId(), Optional.empty()).assignees()).isEmpty();
            assertThat(b.reschedule(t.externalId(), Optional.empty()).dueDate()).isEmpty();
        }
    }

    @Test
    void changesAreReadNewestFirstOnlyUntilTheCursor() {
        try (FakeTaskApi fake = new FakeTaskApi()) {
            TaskApiBackend b = backend(fake);
            for (int i = 0; i < 250; i++) {
                fake.seed("Task " + i, "TODO");
            }
            List<RemoteTask> all = b.changedSince(Instant.EPOCH, Optional.empty()).tasks();
            assertThat(all).hasSize(250);
            assertThat(all).isSortedAccordingTo(java.util.Comparator.comparing(RemoteTask::modified));
            Instant cursor = all.get(249).modified();
            fake.edit(all.get(5).externalId(), t -> t.status = "IN_PROGRESS");
            fake.edit(all.get(6).externalId(), t -> t.title = "Renamed");
            fake.clearSeen();
            List<RemoteTask> changed = b.changedSince(cursor, Optional.empty()).tasks();
            assertThat(changed).extracting(RemoteTask::externalId).containsSubsequence(all.get(5).externalId(),
                    all.get(6).externalId());
            assertThat(fake.seen()).hasSize(1);
            assertThat(fake.seen().get(0).query()).contains("sort=-updatedAt").contains("limit=100").contains("offset=0");
        }
    }

    @Test
    void failuresAreMappedAndRetried() {
        try (FakeTaskApi fake = new FakeTaskApi()) {
            TaskApiBackend b = backend(fake);
            FakeTaskApi.Task t = fake.seed("Budget", "TODO");
            fake.failNext(new FakeTaskServer.Failure.ServerError(503));
            fake.failNext(new FakeTaskServer.Failure.RateLimited(1));
            assertThat(b.get(t.id).title()).isEqualTo("Budget");
            assertThatThrownBy(() -> b.get("nope")).isInstanceOf(BackendException.NotFound.class);
            TaskApiBackend wrong = new TaskApiBackend(new TaskApiSettings(URI.create(fake.baseUrl()), new Secret("bad-token-x")),
                    FAST, Json.mapper(), Clock.systemUTC());
            assertThatThrownBy(() -> wrong.get(t.id)).isInstanceOf(BackendException.Refused.class)
                    .hasMessageContaining("credentials were refused").hasMessageContaining("TASKAPI_TOKEN")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("bad-token-x"));
        }
    }

    @Test
    void aRefusalsDetailsReachTheSlackUserFieldByField() {
        try (FakeTaskApi fake = new FakeTaskApi();
             RunningService svc = new RunningService(Databases.sqliteUrl(), Map.of("TASKAPI_BASE_URL", fake.baseUrl(),
                     "TASKAPI_TOKEN", FakeTaskApi.TOKEN, "TASKBRIDGE_POLL_INTERVAL", "1h", "TASKBRIDGE_ADMINS", "UADMIN"),
                     List.of(), new FakeSlack())) {
            svc.requests.command("connect taskapi", "UADMIN", "C9", "t1", svc.slack.responseUrl("c"));
            assertThat(svc.slack.await("response_url", c -> c.form().get("id").equals("c")).json().get("text").asText())
                    .contains("go to the task API");
            var ack = svc.requests.command("add A forbidden plan", "UA", "C9", "t2", svc.slack.responseUrl("a"));
            assertThat(ack.body()).contains("Creating in the task API");
            String reply = svc.slack.await("response_url", c -> c.form().get("id").equals("a")).json().get("text").asText();
            assertThat(reply).contains("the task API refused the request: The request contains invalid data")
                    .contains("• `title`: Title must not contain forbidden words");
            assertThat(svc.service.tasks().list(io.taskbridge.task.TaskQuery.all())).isEmpty();

            svc.requests.command("add A good plan", "UA", "C9", "t3", svc.slack.responseUrl("g"));
            assertThat(svc.slack.await("response_url", c -> c.form().get("id").equals("g")).json().get("text").asText())
                    .contains("Created task").contains("A good plan");
            assertThat(fake.tasks()).extracting(t -> t.title).containsExactly("A good plan");
            long id = svc.service.tasks().list(io.taskbridge.task.TaskQuery.all()).get(0).id();
            svc.requests.command("done " + id, "UA", "C9", "t4", svc.slack.responseUrl("d"));
            assertThat(svc.slack.await("response_url", c -> c.form().get("id").equals("d")).json().get("text").asText())
                    .contains("invalid_status_transition").contains("• `status`:");
            svc.requests.command("start " + id, "UA", "C9", "t5", svc.slack.responseUrl("s"));
            assertThat(svc.slack.await("response_url", c -> c.form().get("id").equals("s")).json().get("text").asText())
                    .contains("In progress");
            assertThat(fake.tasks().get(0).status).isEqualTo("IN_PROGRESS");
            assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.IN_PROGRESS);
        }
    }
}
