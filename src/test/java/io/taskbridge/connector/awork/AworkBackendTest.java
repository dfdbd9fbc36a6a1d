package io.taskbridge.connector.awork;

import static io.taskbridge.testing.ChangedPages.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskbridge.platform.Json;
import io.taskbridge.platform.Secret;
import io.taskbridge.connector.BackendException;
import io.taskbridge.connector.BackendHttp;
import io.taskbridge.connector.NewTask;
import io.taskbridge.connector.RemoteTask;
import io.taskbridge.task.Status;
import io.taskbridge.testing.FakeAwork;
import io.taskbridge.testing.FakeTaskServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The awork connector against a fake awork on loopback. */
class AworkBackendTest {
    static final BackendHttp.Policy FAST = new BackendHttp.Policy(Duration.ofSeconds(2), Duration.ofMillis(1500), 3,
            Duration.ofMillis(20), Duration.ofSeconds(2));

    static AworkBackend backend(FakeAwork fake, Optional<String> project, String key) {
        return new AworkBackend(new AworkSettings(URI.create(fake.baseUrl()), new Secret(key), project), FAST,
                Json.mapper(), Clock.systemUTC());
    }

    @Test
    void projectTasksAreCreatedAssignedMovedAndRescheduled() {
        try (FakeAwork fake = new FakeAwork()) {
            AworkBackend a = backend(fake, Optional.of(FakeAwork.PROJECT), FakeAwork.KEY);
            Instant due = Instant.parse("2026-12-18T17:00:00Z");
            RemoteTask t = a.create(new NewTask("Create logo concept", Optional.of("Impactful"), Optional.of("u-carla"),
                    Optional.of(due), true));
            assertThat(t.status()).isEqualTo(Status.TODO);
            assertThat(t.assignees()).containsExactly("u-carla");
            assertThat(t.dueDate()).contains(due);
            assertThat(fake.seen().get(0).body()).contains("\"baseType\":\"projecttask\"")
                    .contains("\"entityId\":\"" + FakeAwork.PROJECT + "\"").contains("\"isPrio\":true");
            assertThat(fake.seen()).allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer " + FakeAwork.KEY));

            RemoteTask review = a.updateStatus(t.externalId(), Status.REVIEW);
            assertThat(review.status()).isEqualTo(Status.REVIEW);
            assertThat(review.remoteStatus()).isEqualTo("Client review");
            assertThat(fake.seen()).anySatisfy(s -> assertThat(s.body()).isEqualTo(
                    "[{\"taskId\":\"" + t.externalId() + "\",\"statusId\":\"s-review\"}]"));
            assertThat(a.reschedule(t.externalId(), Optional.empty()).dueDate()).isEmpty();
            assertThat(a.assign(t.externalId(), Optional.empty()).assignees()).isEmpty();
            assertThatThrownBy(() -> a.updateStatus(t.externalId(), Status.CANCELED))
                    .isInstanceOf(BackendException.Invalid.class).hasMessageContaining("no cancelled status");
        }
    }

    @Test
    void privateTasksWithoutAProject() {
        try (FakeAwork fake = new FakeAwork()) {
            AworkBackend a = backend(fake, Optional.empty(), FakeAwork.KEY);
            RemoteTask t = a.create(new NewTask("Call mom", Optional.empty(), Optional.empty(), Optional.empty(), false));
            assertThat(fake.seen().get(0).body()).contains("\"baseType\":\"private\"").doesNotContain("entityId");
            assertThat(drain(a, Instant.EPOCH)).extracting(RemoteTask::externalId).containsExactly(t.externalId());
            assertThat(fake.seen().get(1).path()).isEqualTo("/api/v1/me/privatetasks");
        }
    }

    @Test
    void changedTasksArePagedAndFilteredByUpdatedOn() {
        try (FakeAwork fake = new FakeAwork()) {
            AworkBackend a = backend(fake, Optional.of(FakeAwork.PROJECT), FakeAwork.KEY);
            for (int i = 0; i < 150; i++) {
                fake.seed("Task " + i, FakeAwork.PROJECT);
            }
            List<RemoteTask> all = drain(a, Instant.EPOCH);
            assertThat(all).hasSize(150);
            assertThat(fake.seen()).hasSize(2);
            assertThat(fake.seen().get(0).query()).contains("filterby=updatedOn%20ge%20datetime%271970-01-01T00%3A00%3A00%27")
                    .contains("orderby=updatedOn%20asc").contains("page=1").contains("pageSize=100");
            Instant cursor = all.get(149).modified();
            fake.edit(all.get(10).externalId(), t -> t.name = "Renamed");
            fake.clearSeen();
            assertThat(drain(a, cursor)).extracting(RemoteTask::title).contains("Renamed").hasSizeLessThanOrEqualTo(2);
            assertThat(fake.seen()).hasSize(1);
        }
    }

    @Test
    void errorsRateLimitsAndCredentials() {
        try (FakeAwork fake = new FakeAwork()) {
            AworkBackend a = backend(fake, Optional.of(FakeAwork.PROJECT), FakeAwork.KEY);
            FakeAwork.Task t = fake.seed("Budget", FakeAwork.PROJECT);
            fake.failNext(new FakeTaskServer.Failure.RateLimited(1));
            long start = System.nanoTime();
            assertThat(a.get(t.id).title()).isEqualTo("Budget");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));

            assertThatThrownBy(() -> a.create(new NewTask(" ", Optional.empty(), Optional.empty(), Optional.empty(), false)))
                    .isInstanceOfSatisfying(BackendException.Invalid.class, e -> {
                        assertThat(e.getMessage()).contains("One or more validation errors occurred");
                        assertThat(e.fields()).containsEntry("name", "The Name field is required.");
                    });
            assertThatThrownBy(() -> backend(fake, Optional.empty(), "wrong-key-123").get(t.id))
                    .isInstanceOf(BackendException.Refused.class)
                    .hasMessageContaining("awork connection's credentials were refused")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-key-123"));
            fake.down(true);
            assertThatThrownBy(() -> a.get(t.id)).isInstanceOf(BackendException.Unavailable.class);
        }
    }

    @ParameterizedTest
    @CsvSource({"todo,TODO", "progress,IN_PROGRESS", "stuck,IN_PROGRESS", "review,REVIEW", "done,DONE", "other,IN_PROGRESS"})
    void statusMapping(String type, Status ours) {
        assertThat(AworkStatus.toStatus(type)).isEqualTo(ours);
    }
}
