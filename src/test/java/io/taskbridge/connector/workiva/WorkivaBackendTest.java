package io.taskbridge.connector.workiva;

import static io.taskbridge.testing.ChangedPages.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.platform.Json;
import io.taskbridge.platform.Secret;
import io.taskbridge.approval.CompletionMode;
import io.taskbridge.approval.Decision;
import io.taskbridge.connector.BackendException;
import io.taskbridge.connector.BackendHttp;
import io.taskbridge.connector.NewTask;
import io.taskbridge.connector.RemoteTask;
import io.taskbridge.connector.TaskBackend;
import io.taskbridge.task.Status;
import io.taskbridge.testing.FakeTaskServer;
import io.taskbridge.testing.FakeWorkiva;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The Workiva connector against a fake Workiva on loopback, in both API generations. */
class WorkivaBackendTest {
    static final ObjectMapper JSON = Json.mapper();
    static final BackendHttp.Policy FAST = new BackendHttp.Policy(Duration.ofSeconds(2), Duration.ofMillis(1500), 3,
            Duration.ofMillis(20), Duration.ofSeconds(2));

    static WorkivaBackend backend(FakeWorkiva fake, WorkivaVersion version, String secret) {
        return new WorkivaBackend(new WorkivaSettings(URI.create(fake.baseUrl()), FakeWorkiva.CLIENT_ID,
                new Secret(secret), version), FAST, JSON, Clock.systemUTC());
    }

    static WorkivaBackend backend(FakeWorkiva fake, WorkivaVersion version) {
        return backend(fake, version, FakeWorkiva.CLIENT_SECRET);
    }

    @ParameterizedTest
    @EnumSource(WorkivaVersion.class)
    void createsReadsAndChangesTasksWithVersionHeaderAndOneCachedToken(WorkivaVersion version) {
        try (FakeWorkiva fake = new FakeWorkiva()) {
            WorkivaBackend w = backend(fake, version);
            Instant due = Instant.parse("2026-12-01T17:00:00Z");
            RemoteTask created = w.create(new NewTask("Review Document", Optional.of("Spelling and grammar"),
                    Optional.of("V1ZVd2VyFzU3NiQ1NDA4NjIzNzk2MjD"), Optional.of(due), false));
            assertThat(created.status()).isEqualTo(Status.TODO);
            assertThat(created.remoteStatus()).isEqualTo("Created");
            assertThat(created.assignees()).containsExactly("V1ZVd2VyFzU3NiQ1NDA4NjIzNzk2MjD");
            assertThat(created.dueDate()).contains(due);
            String createPath = version == WorkivaVersion.V2022_01_01 ? "/platform/v1/tasks" : "/tasks";
            assertThat(fake.count("POST", createPath)).isEqualTo(1);

            RemoteTask moved = w.reschedule(created.externalId(), Optional.of(due.plusSeconds(3600)));
            assertThat(moved.dueDate()).contains(due.plusSeconds(3600));
            assertThat(w.assign(created.externalId(), Optional.of("VBOB")).assignees()).containsExactly("VBOB");
            assertThat(w.updateStatus(created.externalId(), Status.IN_PROGRESS).remoteStatus()).isEqualTo("Started");
            assertThat(w.updateStatus(created.externalId(), Status.DONE).status()).isEqualTo(Status.DONE);
            assertThat(w.get(created.externalId()).remoteStatus()).isEqualTo("Completed");

            assertThat(fake.seen()).filteredOn(s -> !s.path().startsWith("/iam"))
                    .allSatisfy(s -> {
                        assertThat(s.version()).isEqualTo(version.header());
                        assertThat(s.authorization()).isEqualTo("Bearer tok-1");
                    });
            assertThat(fake.seen()).filteredOn(s -> s.method().equals("PATCH"))
                    .allSatisfy(s -> assertThat(s.body()).startsWith("[{\"op\":\"replace\""));
            assertThat(fake.tokensIssued()).isEqualTo(1);
        }
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndTheCallSucceeds() {
        try (FakeWorkiva fake = new FakeWorkiva()) {
            WorkivaBackend w = backend(fake, WorkivaVersion.V2026_01_01);
            FakeWorkiva.Task t = fake.seed("Budget", "Started", "VA");
            w.get(t.id);
            fake.expireTokens();
            assertThat(w.get(t.id).title()).isEqualTo("Budget");
            assertThat(fake.tokensIssued()).isEqualTo(2);
            assertThat(w.tokensFetched()).isEqualTo(2);
        }
    }

    @Test
    void aTokenAboutToExpireIsReplacedBeforeUse() {
        try (FakeWorkiva fake = new FakeWorkiva()) {
            fake.tokenLifetime(30); // inside the 60 s margin: every call needs a fresh one
            WorkivaBackend w = backend(fake, WorkivaVersion.V2026_01_01);
            FakeWorkiva.Task t = fake.seed("Budget", "Started", "VA");
            w.get(t.id);
            w.get(t.id);
            assertThat(fake.tokensIssued()).isEqualTo(2);
        }
    }

    @Test
    void refusedCredentialsSayWhatToCheckAndNeverShowTheSecret() {
        try (FakeWorkiva fake = new FakeWorkiva()) {
            WorkivaBackend w = backend(fake, WorkivaVersion.V2022_01_01, "wrong-secret-value");
            assertThatThrownBy(() -> w.get("WK1"))
                    .isInstanceOf(BackendException.Refused.class)
                    .hasMessageContaining("Workiva connection's credentials were refused")
                    .hasMessageContaining("WORKIVA_CLIENT_SECRET")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret-value"));
            assertThat(w.submitDecision(new TaskBackend.Submission("WK1", Decision.APPROVE, Optional.empty(), "U1")))
                    .isInstanceOf(TaskBackend.Result.Refused.class);
        }
    }

    @ParameterizedTest
    @EnumSource(WorkivaVersion.class)
    void changedTasksComePageByPageAndRequestsGrowWithChangesNotWithAllTasks(WorkivaVersion version) {
        try (FakeWorkiva fake = new FakeWorkiva()) {
            WorkivaBackend w = backend(fake, version);
            // 2026-01-01: the documented maximum (REFERENCE.md: $maxpagesize 1-1000); 2022-01-01 documents none.
            int pageSize = version == WorkivaVersion.V2026_01_01 ? 1000 : 100;
            for (int i = 0; i < 2 * pageSize + 50; i++) {
                fake.seed("Task " + i, "Created", "VA");
            }
            List<RemoteTask> all = drain(w, Instant.EPOCH);
            assertThat(all).hasSize(2 * pageSize + 50);
            assertThat(all).isSortedAccordingTo(java.util.Comparator.comparing(RemoteTask::modified));
            String listPath = version == WorkivaVersion.V2022_01_01 ? "/prototype/platform/tasks" : "/tasks";
            List<FakeTaskServer.Seen> gets = fake.seen().stream().filter(s -> s.method().equals("GET")).toList();
            assertThat(gets).as("two full pages and the rest").hasSize(3);
            assertThat(gets.get(0).query()).contains("$filter=modified.dateTime%20ge%201970-01-01T00%3A00%3A00Z")
                    .contains("$orderBy=modified.dateTime%20asc").contains("$maxpagesize=" + pageSize)
                    .doesNotContain("$next");
            assertThat(gets.get(1).query()).as("the first page's @nextLink").contains("$next=" + pageSize);
            assertThat(gets.get(2).query()).as("the second page's @nextLink").contains("$next=" + 2 * pageSize);
            assertThat(gets).allSatisfy(s -> assertThat(s.path()).isEqualTo(listPath));

            Instant cursor = all.get(all.size() - 1).modified();
            fake.edit(all.get(3).externalId(), t -> t.status = "Started");
            fake.edit(all.get(7).externalId(), t -> t.title = "Renamed");
            fake.clearSeen();
            List<RemoteTask> changed = drain(w, cursor);
            assertThat(changed).extracting(RemoteTask::externalId)
                    .contains(all.get(3).externalId(), all.get(7).externalId());
            assertThat(changed).hasSizeLessThanOrEqualTo(3); // the two changes and the one at the cursor
            assertThat(fake.seen()).hasSize(1);
        }
    }

    @Test
    void rateLimitsAreWaitedOutAsRetryAfterSays() {
        try (FakeWorkiva fake = new FakeWorkiva()) {
            WorkivaBackend w = backend(fake, WorkivaVersion.V2026_01_01);
            FakeWorkiva.Task t = fake.seed("Budget", "Started", "VA");
            w.get(t.id);
            fake.failNext(new FakeTaskServer.Failure.RateLimited(1));
            long start = System.nanoTime();
            assertThat(w.get(t.id).title()).isEqualTo("Budget");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));

            fake.failNext(new FakeTaskServer.Failure.RateLimited(120)); // too long to wait inline
            assertThatThrownBy(() -> w.get(t.id)).isInstanceOfSatisfying(BackendException.Throttled.class,
                    e -> assertThat(e.after()).isEqualTo(Duration.ofSeconds(120)));
            fake.failNext(new FakeTaskServer.Failure.RateLimited(120));
            assertThat(w.submitDecision(new TaskBackend.Submission(t.id, Decision.APPROVE, Optional.empty(), "U1")))
                    .isEqualTo(new TaskBackend.Result.Throttled(Duration.ofSeconds(120)));
        }
    }

    @Test
    void serverErrorsAndHangsBackOffThenGiveUpAsUnavailable() {
        try (FakeWorkiva fake = new FakeWorkiva()) {
            WorkivaBackend w = backend(fake, WorkivaVersion.V2026_01_01);
            FakeWorkiva.Task t = fake.seed("Budget", "Started", "VA");
            fake.failNext(new FakeTaskServer.Failure.ServerError(500));
            fake.failNext(new FakeTaskServer.Failure.ServerError(503));
            assertThat(w.get(t.id).title()).isEqualTo("Budget");

            fake.failNext(new FakeTaskServer.Failure.Hang(Duration.ofSeconds(4)));
            assertThat(w.get(t.id).title()).isEqualTo("Budget"); // the second try answers

            fake.down(true);
            assertThatThrownBy(() -> w.get(t.id)).isInstanceOf(BackendException.Unavailable.class)
                    .hasMessageContaining("HTTP 503");
            assertThat(w.submitDecision(new TaskBackend.Submission(t.id, Decision.APPROVE, Optional.empty(), "U1")))
                    .isInstanceOf(TaskBackend.Result.Unavailable.class);
            fake.down(false);

            // Creating is not repeated after a time-out: it may have been made already.
            fake.clearSeen();
            fake.failNext(new FakeTaskServer.Failure.Hang(Duration.ofSeconds(4)));
            assertThatThrownBy(() -> w.create(new NewTask("Once", Optional.empty(), Optional.of("VA"),
                    Optional.empty(), false))).isInstanceOf(BackendException.Unavailable.class)
                    .hasMessageContaining("no answer within");
            assertThat(fake.count("POST", "/tasks")).isEqualTo(1);
        }
    }

    @Test
    void validationErrorsCarryWorkivasDetails() {
        try (FakeWorkiva fake = new FakeWorkiva()) {
            WorkivaBackend w = backend(fake, WorkivaVersion.V2022_01_01);
            assertThatThrownBy(() -> w.create(new NewTask(" ", Optional.empty(), Optional.of("VA"), Optional.empty(), false)))
                    .isInstanceOfSatisfying(BackendException.Invalid.class, e -> {
                        assertThat(e.getMessage()).contains("Workiva refused the request")
                                .contains("missing or invalid parameter").contains("400BadRequest");
                        assertThat(e.fields()).containsEntry("title", "is required");
                    });
            assertThatThrownBy(() -> w.create(new NewTask("No one", Optional.empty(), Optional.empty(), Optional.empty(), false)))
                    .isInstanceOfSatisfying(BackendException.Invalid.class, e ->
                            assertThat(e.getMessage()).contains("needs an assignee"));
            assertThatThrownBy(() -> w.get("nope")).isInstanceOf(BackendException.NotFound.class);
        }
    }

    /**
     * A retried decision looks at the task first: when an earlier try reached Workiva (its answer
     * lost to a time-out), the step already holds the response and nothing is submitted again; a
     * retry of a try that never arrived is submitted.
     */
    @Test
    void aReviewIsSetUpOnlyWhereWorkivaCanTakeStepsAndOnlyOnce() {
        try (FakeWorkiva fake = new FakeWorkiva()) {
            FakeWorkiva.Task t = fake.seed("Sign off", "Started", "VA");
            TaskBackend.Review review = new TaskBackend.Review(t.id, List.of(Optional.empty(),
                    Optional.of(Instant.parse("2027-01-08T17:00:00Z"))), Optional.empty());
            // 2022-01-01 has no path to set steps; without WORKIVA_USER_ID nobody could answer them.
            assertThat(backend(fake, WorkivaVersion.V2022_01_01).requestReview(review))
                    .isInstanceOf(TaskBackend.Result.Refused.class);
            assertThat(backend(fake, WorkivaVersion.V2026_01_01).requestReview(review))
                    .isInstanceOf(TaskBackend.Result.Refused.class);
            assertThat(fake.seen()).filteredOn(s -> !s.method().equals("GET")).isEmpty();

            WorkivaBackend w = new WorkivaBackend(new WorkivaSettings(URI.create(fake.baseUrl()), FakeWorkiva.CLIENT_ID,
                    new Secret(FakeWorkiva.CLIENT_SECRET), WorkivaVersion.V2026_01_01, Optional.of(FakeWorkiva.CLIENT_USER)),
                    FAST, JSON, Clock.systemUTC());
            assertThat(w.requestReview(review)).isEqualTo(new TaskBackend.Result.Done());
            assertThat(fake.task(t.id).status).isEqualTo("Awaiting Approval");
            assertThat(fake.task(t.id).approvalSteps).hasSize(2);
            assertThat(fake.task(t.id).approvalSteps.get(1).path("dueDate").asText()).isEqualTo("2027-01-08T17:00:00Z");
            // A retry finds the task awaiting approval and leaves it (Workiva would refuse new steps now).
            assertThat(w.requestReview(new TaskBackend.Review(t.id, review.stepDueDates(), Optional.of(Instant.EPOCH))))
                    .isEqualTo(new TaskBackend.Result.Done());
            assertThat(fake.count("PATCH", "/tasks/")).isEqualTo(1);
            assertThat(fake.count("POST", "/tasks/" + t.id + "/actionSubmission")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(WorkivaVersion.class)
    void aRetriedDecisionIsNotSubmittedTwice(WorkivaVersion version) {
        try (FakeWorkiva fake = new FakeWorkiva()) {
            WorkivaBackend w = backend(fake, version);
            FakeWorkiva.Task t = fake.seed("Sign off", "Awaiting Approval", "VA");
            FakeWorkiva.addStep(t, "ONE", "VX", FakeWorkiva.CLIENT_USER);
            Instant queued = Instant.parse("2026-11-23T09:59:00Z"); // on the fake's clock, just before its first answer
            // the first try reached Workiva
            assertThat(w.submitDecision(new TaskBackend.Submission(t.id, Decision.APPROVE, Optional.empty(), "U1")))
                    .isEqualTo(new TaskBackend.Result.Done());
            TaskBackend.Submission retry = new TaskBackend.Submission(t.id, Decision.APPROVE, Optional.empty(), "U1",
                    Optional.of(queued));
            assertThat(w.submitDecision(retry)).isEqualTo(new TaskBackend.Result.Done());
            assertThat(fake.seen().stream().filter(s -> s.path().endsWith("/actionSubmission"))).hasSize(1);

            FakeWorkiva.Task u = fake.seed("Second", "Awaiting Approval", "VA");
            FakeWorkiva.addStep(u, "ONE", "VX", FakeWorkiva.CLIENT_USER);
            assertThat(w.submitDecision(new TaskBackend.Submission(u.id, Decision.APPROVE, Optional.empty(), "U1",
                    Optional.of(queued)))).isEqualTo(new TaskBackend.Result.Done());
            assertThat(fake.seen().stream().filter(s -> s.path().endsWith(u.id + "/actionSubmission"))).hasSize(1);
            assertThat(fake.task(u.id).status).isEqualTo("Approved");
        }
    }

    @ParameterizedTest
    @EnumSource(WorkivaVersion.class)
    void decisionsGoThroughActionSubmission(WorkivaVersion version) {
        try (FakeWorkiva fake = new FakeWorkiva()) {
            WorkivaBackend w = backend(fake, version);
            FakeWorkiva.Task t = fake.seed("Sign off", "Awaiting Approval", "VA");
            FakeWorkiva.addStep(t, "ONE", "VX", FakeWorkiva.CLIENT_USER);
            assertThat(w.submitDecision(new TaskBackend.Submission(t.id, Decision.REJECT, Optional.of("please refine"), "U1")))
                    .isEqualTo(new TaskBackend.Result.Done());
            String path = version == WorkivaVersion.V2022_01_01 ? "/prototype/platform/tasks/" : "/tasks/";
            FakeTaskServer.Seen sent = fake.seen().stream().filter(s -> s.path().endsWith("/actionSubmission")).findFirst().orElseThrow();
            assertThat(sent.path()).isEqualTo(path + t.id + "/actionSubmission");
            assertThat(sent.body()).isEqualTo("{\"action\":\"REJECT\",\"comment\":\"please refine\"}");
            // 2022's single-task read has no approval steps (seed 000's Task); the list has them (seed 003).
            RemoteTask after = drain(w, Instant.EPOCH).get(0);
            assertThat(after.remoteStatus()).isEqualTo("Returned");
            assertThat(after.status()).isEqualTo(Status.IN_PROGRESS);
            assertThat(after.responses()).singleElement().satisfies(r -> {
                assertThat(r.action()).isEqualTo("REJECT");
                assertThat(r.comment()).contains("please refine");
            });
        }
    }

    @Test
    void readsSeed003sExampleTask() throws Exception {
        String example = """
                {"approvalSteps":[{"completionMode":"ONE","dueAt":null,"participants":[
                  {"id":"V0ZVc2VyHzY0MTI5NzM0MzkxODg5OTI","type":"USER"},{"id":"V0ZVc2VyHzU1MDg3OTc0MDE4MDg4OTY","type":"USER"}],
                  "responses":[{"action":"APPROVE","comment":"Changes are approved till eternity",
                  "created":{"dateTime":"2023-06-11T13:00:00+00:00","user_id":"V0ZVc2VyHzU1MDg3OTc0MDE4MDg4OTY"}}]}],
                 "assignees":[{"id":"V1ZVd2VyFzU3NiQ1NDA4NjIzNzk2MjD","type":"USER"}],
                 "created":{"dateTime":"2019-10-28T15:03:27Z","user":{"displayName":"John Doe","email":"john.doe@example.com","id":"V3ZVc2VyFzV3NiQ5NDA2NjIzNxk2njH"}},
                 "description":"Review document for spelling and grammar","dueAt":"2019-10-30T00:00:00Z",
                 "id":"129g274495354cf18edb6b3ea3d023b2",
                 "location":{"resource":"124efa2a142f472ba1ceab34ed18915f","segment":"465ttdh2a142y75ehsft5ab34edf5675"},
                 "modified":{"dateTime":"2019-10-29T15:03:27Z"},
                 "sourceUrl":"https://app.wdesk.com/tasks/d/x","status":"Completed","title":"Review Document"}""";
        try (FakeWorkiva fake = new FakeWorkiva()) {
            RemoteTask t = backend(fake, WorkivaVersion.V2022_01_01).task(JSON.readTree(example));
            assertThat(t.externalId()).isEqualTo("129g274495354cf18edb6b3ea3d023b2");
            assertThat(t.status()).isEqualTo(Status.DONE);
            assertThat(t.dueDate()).contains(Instant.parse("2019-10-30T00:00:00Z"));
            assertThat(t.modified()).isEqualTo(Instant.parse("2019-10-29T15:03:27Z"));
            assertThat(t.assignees()).containsExactly("V1ZVd2VyFzU3NiQ1NDA4NjIzNzk2MjD");
            assertThat(t.approvalSteps()).singleElement().satisfies(s -> {
                assertThat(s.mode()).isEqualTo(CompletionMode.ONE);
                assertThat(s.participants()).hasSize(2);
                assertThat(s.responses()).singleElement().satisfies(r -> {
                    assertThat(r.userId()).isEqualTo("V0ZVc2VyHzU1MDg3OTc0MDE4MDg4OTY");
                    assertThat(r.at()).isEqualTo(Instant.parse("2023-06-11T13:00:00Z"));
                });
            });
            assertThat(t.url()).contains("https://app.wdesk.com/tasks/d/x");
        }
    }

    @ParameterizedTest
    @CsvSource({"Created,TODO", "Staged,TODO", "Started,IN_PROGRESS", "Returned,IN_PROGRESS", "Reworking,IN_PROGRESS",
            "Awaiting Approval,REVIEW", "Approved,DONE", "Completed,DONE", "Cancelled,CANCELED", "Something New,IN_PROGRESS"})
    void statusMapping(String workiva, Status ours) {
        assertThat(WorkivaStatus.toStatus(workiva)).isEqualTo(ours);
    }

    @ParameterizedTest
    @CsvSource({"TODO,RESTART", "IN_PROGRESS,RESTART", "REVIEW,SUBMIT", "DONE,SUBMIT", "CANCELED,CANCEL"})
    void statusToAction(Status ours, String action) {
        assertThat(WorkivaStatus.action(ours)).isEqualTo(action);
    }
}
