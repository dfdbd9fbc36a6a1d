package io.taskbridge.sync;

import static io.taskbridge.sync.WorkivaPollingTest.command;
import static io.taskbridge.sync.WorkivaPollingTest.env;
import static io.taskbridge.sync.WorkivaPollingTest.poll;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.slack.ApprovalMessage;
import io.taskbridge.slack.ApprovalModal;
import io.taskbridge.task.Status;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.FakeWorkiva;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * {@code /task review} on a task held in Workiva sets the review up in Workiva (API 2026-01-01: a
 * JSON Patch of {@code /approvalSteps}, one step per step asked for, the client's own user
 * {@code WORKIVA_USER_ID} as its participant, then {@code SUBMIT}), through the outbox; the
 * decisions made in Slack then reach Workiva one per step outcome. The fake Workiva refuses what the
 * real one would: a decision without a waiting step the client takes part in, a second answer to a
 * step, steps changed while the task awaits approval, malformed steps.
 */
class WorkivaReviewTest {

    /** The task "Budget review", made from Slack in a channel connected to Workiva; its id here and there. */
    private record Made(long id, String external) {}

    private static Made made(RunningService svc, FakeWorkiva fake) {
        command(svc, "connect workiva", "UADMIN", "C1");
        command(svc, "link <@UA> VA", "UADMIN", "C1");
        assertThat(poll(svc).ok()).isTrue();
        assertThat(command(svc, "add Budget review <@UA>", "UC", "C1")).contains("lives in Workiva");
        return new Made(svc.service.tasks().list(TaskQuery.all()).get(0).id(), fake.tasks().get(0).id);
    }

    private static void click(RunningService svc, String user, String action, long id, int step, String responseId) {
        String ts = svc.slack.awaitButtonFor(user, ApprovalMessage.APPROVE).ts();
        svc.requests.interaction(SlackPayloads.buttonClick(user, action, "approval_actions:" + id, id + ":1:" + step,
                "D" + user, ts, svc.slack.responseUrl(responseId)));
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void reviewCreatesTheStepInWorkivaAndApproveInSlackCompletesItThere(Databases.Kind kind) {
        try (FakeWorkiva fake = new FakeWorkiva();
             RunningService svc = new RunningService(Databases.url(kind), env(fake), List.of(), new FakeSlack())) {
            Made t = made(svc, fake);
            assertThat(fake.task(t.external()).approvalSteps).isEmpty();

            assertThat(command(svc, "review " + t.id() + " <@UR>", "UC", "C1")).contains("Approval requested");
            Quiescence.await(svc);
            FakeWorkiva.Task there = fake.task(t.external());
            assertThat(there.status).isEqualTo("Awaiting Approval");
            assertThat(there.approvalSteps).singleElement().satisfies(step -> {
                assertThat(step.path("completionMode").asText()).isEqualTo("ONE");
                assertThat(step.path("participants").toString())
                        .isEqualTo("[{\"id\":\"" + FakeWorkiva.CLIENT_USER + "\",\"type\":\"USER\"}]");
            });
            assertThat(fake.seen()).filteredOn(s -> s.method().equals("PATCH")).singleElement()
                    .satisfies(s -> assertThat(s.body()).contains("\"path\":\"/approvalSteps\""));
            assertThat(fake.seen()).filteredOn(s -> s.path().endsWith("/actionSubmission")).singleElement()
                    .satisfies(s -> assertThat(s.body()).contains("\"action\":\"SUBMIT\""));
            // The next poll finds Workiva agreeing: still in review here.
            assertThat(poll(svc).ok()).isTrue();
            assertThat(svc.service.tasks().get(t.id()).status()).isEqualTo(Status.REVIEW);

            click(svc, "UR", ApprovalMessage.APPROVE, t.id(), 0, "approve");
            Quiescence.await(svc);
            assertThat(fake.task(t.external()).status).isEqualTo("Approved");
            assertThat(fake.seen()).filteredOn(s -> s.path().endsWith("/actionSubmission")).extracting(s -> s.body())
                    .hasSize(2).last().asString().contains("\"action\":\"APPROVE\"");
            assertThat(svc.service.tasks().get(t.id()).status()).isEqualTo(Status.DONE);
            assertThat(poll(svc).ok()).isTrue();
            assertThat(svc.service.tasks().get(t.id()).status()).isEqualTo(Status.DONE);
        }
    }

    @Test
    void eachStepOutcomeIsOneDecisionInWorkivaAndARejectionReturnsTheTaskThere() {
        try (FakeWorkiva fake = new FakeWorkiva();
             RunningService svc = new RunningService(Databases.sqliteUrl(), env(fake), List.of(), new FakeSlack())) {
            Made t = made(svc, fake);
            command(svc, "review " + t.id() + " <@UR1> <@UR2> all then <@UR3> due in 3 days", "UC", "C1");
            Quiescence.await(svc);
            FakeWorkiva.Task there = fake.task(t.external());
            assertThat(there.status).isEqualTo("Awaiting Approval");
            assertThat(there.approvalSteps).hasSize(2);
            assertThat(there.approvalSteps.get(0).path("dueDate").isNull()).isTrue();
            assertThat(java.time.Instant.parse(there.approvalSteps.get(1).path("dueDate").asText()))
                    .as("the second step's due date").isAfter(java.time.Instant.now().plus(Duration.ofDays(2)));
            fake.clearSeen();

            // The first of "all" approves: the step still waits, so Workiva hears nothing.
            click(svc, "UR1", ApprovalMessage.APPROVE, t.id(), 0, "r1");
            Quiescence.await(svc);
            assertThat(fake.count("POST", "/tasks/" + t.external() + "/actionSubmission")).isZero();
            // The last of "all" approves: the step is approved, once, in Workiva.
            click(svc, "UR2", ApprovalMessage.APPROVE, t.id(), 0, "r2");
            Quiescence.await(svc);
            assertThat(fake.count("POST", "/tasks/" + t.external() + "/actionSubmission")).isEqualTo(1);
            assertThat(fake.task(t.external()).status).as("the second step waits there too").isEqualTo("Awaiting Approval");
            assertThat(fake.task(t.external()).approvalSteps.get(0).path("responses")).hasSize(1);

            // The second step's approver rejects, with a comment: Workiva returns the task.
            click(svc, "UR3", ApprovalMessage.REJECT, t.id(), 1, "r3");
            svc.slack.await("views.open", c -> c.param("view").contains(ApprovalModal.CALLBACK_ID));
            svc.requests.interaction(SlackPayloads.viewSubmission("UR3", "V-UR3", ApprovalModal.CALLBACK_ID,
                    t.id() + ":1:1:REJECT", """
                    {"%s":{"%s":{"type":"plain_text_input","value":"Totals are off"}}}
                    """.formatted(ApprovalModal.COMMENT_BLOCK, ApprovalModal.COMMENT_ACTION)));
            Quiescence.await(svc);
            assertThat(fake.task(t.external()).status).isEqualTo("Returned");
            assertThat(fake.task(t.external()).approvalSteps.get(1).path("responses").get(0).path("comment").asText())
                    .isEqualTo("Totals are off");
            assertThat(svc.service.tasks().get(t.id()).status()).isEqualTo(Status.IN_PROGRESS);

            // A new round replaces the steps there (Returned takes new steps) and submits again.
            command(svc, "review " + t.id() + " <@UR1>", "UC", "C1");
            Quiescence.await(svc);
            assertThat(fake.task(t.external()).status).isEqualTo("Awaiting Approval");
            assertThat(fake.task(t.external()).approvalSteps).singleElement()
                    .satisfies(s -> assertThat(s.path("responses")).isEmpty());
        }
    }

    @Test
    void aDecisionWaitsForItsReviewToReachWorkiva() throws Exception {
        try (FakeWorkiva fake = new FakeWorkiva();
             RunningService svc = new RunningService(Databases.sqliteUrl(), env(fake), List.of(), new FakeSlack())) {
            Made t = made(svc, fake);
            // Workiva asks the review to wait 6 s (longer than a call waits itself): the review row is
            // due again only then, while the decision made meanwhile is due at once.
            fake.failNext(new io.taskbridge.testing.FakeTaskServer.Failure.RateLimited(6));
            command(svc, "review " + t.id() + " <@UR>", "UC", "C1");
            click(svc, "UR", ApprovalMessage.APPROVE, t.id(), 0, "approve");
            svc.slack.awaitMessage(m -> m.channel().equals("DUR") && m.seen().contains("approved"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"Approved".equals(fake.task(t.external()).status) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(fake.task(t.external()).status).isEqualTo("Approved");
            assertThat(fake.seen()).filteredOn(s -> s.path().endsWith("/actionSubmission") && s.body() != null)
                    .extracting(s -> s.body().contains("SUBMIT") ? "SUBMIT" : "APPROVE")
                    .as("the review first, then its decision, each once").containsExactly("SUBMIT", "APPROVE");
        }
    }

    @Test
    void someoneWhoMayNotAskForAReviewChangesNothingInWorkiva() {
        try (FakeWorkiva fake = new FakeWorkiva();
             RunningService svc = new RunningService(Databases.sqliteUrl(), env(fake), List.of(), new FakeSlack())) {
            Made t = made(svc, fake);
            fake.clearSeen();
            assertThat(command(svc, "review " + t.id() + " <@UR>", "UX", "C1")).startsWith(":no_entry:");
            Quiescence.await(svc);
            assertThat(fake.seen()).filteredOn(s -> !s.method().equals("GET")).isEmpty();
            assertThat(fake.task(t.external()).status).isEqualTo("Created");
        }
    }

    @Test
    void withoutWorkivaUserIdTheReviewStaysHereAndTheRowSaysWhy() {
        try (FakeWorkiva fake = new FakeWorkiva()) {
            Map<String, String> noUser = new java.util.HashMap<>(env(fake));
            noUser.remove("WORKIVA_USER_ID");
            try (RunningService svc = new RunningService(Databases.sqliteUrl(), noUser, List.of(), new FakeSlack())) {
                Made t = made(svc, fake);
                command(svc, "review " + t.id() + " <@UR>", "UC", "C1");
                Quiescence.await(svc);
                assertThat(fake.seen()).filteredOn(s -> s.method().equals("PATCH")).isEmpty();
                assertThat(fake.task(t.external()).status).isEqualTo("Created");
                try (io.taskbridge.platform.Database db = io.taskbridge.platform.Database.open(svc.dbUrl, null, null)) {
                    List<String> dead = db.jdbi().withHandle(h -> h.createQuery(
                            "SELECT last_error FROM outbox WHERE state = 'dead'").mapTo(String.class).list());
                    assertThat(dead).singleElement().asString().contains("WORKIVA_USER_ID");
                }
            }
        }
    }
}
