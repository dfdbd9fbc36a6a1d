package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Workflow Builder steps over signed loopback HTTP against the fake Slack: {@code function_executed}
 * for {@code create_task} creates the task and completes the step with its id;
 * {@code request_approval} completes only once the approver decides, across a restart on the same
 * SQLite file, a rejection being outputs; bad inputs and refused requests complete with an error.
 */
class WorkflowStepsTest {
    static final String KEY = "S2V5Rm9yVGVzdHNLZXlGb3JUZXN0c0tleUZvclRlc3Q="; // 32 bytes, base64
    static final String BASE = "https://tasks.example.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of("TASKBRIDGE_ENCRYPTION_KEY", KEY, "TASKBRIDGE_PUBLIC_URL", BASE);

    @Test
    void createTaskMakesTheTaskAndCompletesTheStepWithItsIdAndLink() throws Exception {
        try (RunningService svc = new RunningService(Databases.sqliteUrl(), ENV)) {
            svc.slack.functionExecution("Fx1", "xwfp-1", Set.of("task_id"));
            String event = functionExecuted("T1", "Ev1", "create_task", "Fx1", "xwfp-1", """
                    {"title":"Prepare the board pack","description":"Slides and minutes","assignee":"UX",
                     "due_date":"2026-12-24","channel":"C1","requester":"UA"}""");

            assertThat(svc.requests.event(event).statusCode()).isEqualTo(200);
            assertThat(svc.requests.event(event).statusCode()).as("Slack retries the event").isEqualTo(200);

            FakeSlack.Call done = svc.slack.await("functions.completeSuccess");
            assertThat(done.authorization()).as("the execution's own token").isEqualTo("Bearer xwfp-1");
            JsonNode outputs = JSON.readTree(done.param("outputs"));
            long id = Long.parseLong(outputs.path("task_id").asText());
            assertThat(outputs.path("link").asText()).isEqualTo(BASE + "/tasks/" + id);
            Task task = svc.service.tasks().get(id);
            assertThat(task.title()).isEqualTo("Prepare the board pack");
            assertThat(task.description()).contains("Slides and minutes");
            assertThat(task.assignee()).contains("UX");
            assertThat(task.createdBy()).isEqualTo("UA");
            assertThat(task.dueDate()).contains(Instant.parse("2026-12-24T17:00:00Z"));
            assertThat(task.workspace()).isEqualTo(new WorkspaceId("T1"));
            svc.slack.awaitMessage(m -> m.channel().equals("C1") && m.seen().contains("Prepare the board pack"));
            Quiescence.await(svc);
            assertThat(svc.slack.calls("functions.completeSuccess")).hasSize(1);
            assertThat(svc.service.tasks().list(io.taskbridge.task.TaskQuery.all())).hasSize(1);
        }
    }

    @Test
    void badInputsCompleteTheStepWithAClearErrorAndCreateNothing() {
        try (RunningService svc = new RunningService(Databases.sqliteUrl(), ENV)) {
            svc.slack.functionExecution("Fx1", "xwfp-1", Set.of("task_id"));
            svc.slack.functionExecution("Fx2", "xwfp-2", Set.of("task_id"));
            svc.slack.functionExecution("Fx3", "xwfp-3", Set.of("decision", "decided_by"));
            svc.requests.event(functionExecuted("T1", "Ev1", "create_task", "Fx1", "xwfp-1", """
                    {"description":"no title","channel":"C1"}"""));
            svc.requests.event(functionExecuted("T1", "Ev2", "create_task", "Fx2", "xwfp-2", """
                    {"title":"Bad date","channel":"C1","due_date":"next blue moon","requester":"UA"}"""));
            svc.requests.event(functionExecuted("T1", "Ev3", "request_approval", "Fx3", "xwfp-3", """
                    {"title":"Nobody asks","approvers":["UB"],"mode":"some","channel":"C1","requester":"UA"}"""));

            assertThat(svc.slack.await("functions.completeError", c -> c.param("function_execution_id").equals("Fx1"))
                    .param("error")).contains("title");
            assertThat(svc.slack.await("functions.completeError", c -> c.param("function_execution_id").equals("Fx2"))
                    .param("error")).contains("due_date").contains("next blue moon");
            assertThat(svc.slack.await("functions.completeError", c -> c.param("function_execution_id").equals("Fx3"))
                    .param("error")).contains("mode").contains("\"any\" or \"all\"");
            Quiescence.await(svc);
            assertThat(svc.service.tasks().list(io.taskbridge.task.TaskQuery.all())).isEmpty();
            assertThat(svc.slack.calls("functions.completeSuccess")).isEmpty();
        }
    }

    @Test
    void withoutAnEncryptionKeyAStepFailsAtOnceSayingWhy() {
        try (RunningService svc = new RunningService(Databases.sqliteUrl(), Map.of())) {
            svc.slack.functionExecution("Fx1", "xwfp-1", Set.of("task_id"));
            svc.requests.event(functionExecuted("T1", "Ev1", "create_task", "Fx1", "xwfp-1", """
                    {"title":"Never stored","channel":"C1"}"""));

            FakeSlack.Call failed = svc.slack.await("functions.completeError");
            assertThat(failed.authorization()).isEqualTo("Bearer xwfp-1");
            assertThat(failed.param("error")).contains("TASKBRIDGE_ENCRYPTION_KEY");
            assertThat(svc.service.tasks().list(io.taskbridge.task.TaskQuery.all())).isEmpty();
        }
    }

    @Test
    void aStepRunsInItsOwnWorkspace() {
        try (RunningService svc = new RunningService(Databases.sqliteUrl(), ENV)) {
            svc.slack.functionExecution("Fx1", "xwfp-1", Set.of("task_id"));
            svc.requests.event(functionExecuted("T2", "Ev1", "create_task", "Fx1", "xwfp-1", """
                    {"title":"Other workspace's task","channel":"C2","requester":"UB"}"""));

            long id = Long.parseLong(readOutputs(svc.slack.await("functions.completeSuccess")).path("task_id").asText());
            assertThat(svc.service.tasks().get(id).workspace()).isEqualTo(new WorkspaceId("T2"));
            assertThat(svc.service.tasks().in(new WorkspaceId("T1")).find(id)).isEmpty();
        }
    }

    @Test
    void theRequesterCannotBeAnApproverOfTheirOwnRequest() {
        try (RunningService svc = new RunningService(Databases.sqliteUrl(), ENV)) {
            svc.slack.functionExecution("Fx1", "xwfp-1", Set.of("decision", "decided_by"));
            svc.requests.event(functionExecuted("T1", "Ev1", "request_approval", "Fx1", "xwfp-1", """
                    {"title":"Approve my own expenses","approvers":["UA"],"mode":"any","channel":"C1","requester":"UA"}"""));

            assertThat(svc.slack.await("functions.completeError").param("error")).contains("name someone else");
            Quiescence.await(svc);
            assertThat(svc.service.tasks().list(io.taskbridge.task.TaskQuery.all())).isEmpty();
            assertThat(svc.slack.calls("chat.postMessage")).isEmpty();
        }
    }

    /** The restart keeps everything in the store: on SQLite (the same file) and on PostgreSQL (the same database). */
    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void requestApprovalCompletesOnlyOnceDecidedAcrossARestartWithARejectionAsOutputs(Databases.Kind kind) throws Exception {
        String db = Databases.url(kind);
        try (FakeSlack slack = new FakeSlack()) {
            slack.functionExecution("Fx9", "xwfp-9", Set.of("decision", "decided_by"));
            long taskId;
            try (RunningService first = new RunningService(db, ENV, slack, Clock.systemUTC())) {
                first.requests.event(functionExecuted("T1", "Ev9", "request_approval", "Fx9", "xwfp-9", """
                        {"title":"Sign off the Q4 budget","approvers":["UB"],"mode":"any","channel":"C1","requester":"UA"}"""));
                slack.awaitButtonFor("UB", ApprovalMessage.APPROVE);
                Quiescence.await(first);
                taskId = first.service.tasks().list(io.taskbridge.task.TaskQuery.all()).get(0).id();
                assertThat(first.service.tasks().get(taskId).status()).isEqualTo(Status.REVIEW);
                assertThat(slack.calls("functions.completeSuccess")).as("it waits for the decision").isEmpty();
                assertThat(slack.calls("functions.completeError")).isEmpty();
            }
            try (RunningService second = new RunningService(db, ENV, slack, Clock.systemUTC())) {
                String ref = taskId + ":1:0";
                String ts = slack.awaitButtonFor("UB", ApprovalMessage.REJECT).ts();
                second.requests.interaction(SlackPayloads.buttonClick("UB", ApprovalMessage.REJECT, "approval_actions:" + ref,
                        ref, "DUB", ts, slack.responseUrl("b")));
                slack.await("views.open", c -> c.param("view").contains(ApprovalModal.CALLBACK_ID));
                HttpResponse<String> rejected = second.requests.interaction(SlackPayloads.viewSubmission("UB", "V-UB",
                        ApprovalModal.CALLBACK_ID, ref + ":REJECT", """
                        {"%s":{"%s":{"type":"plain_text_input","value":"Over the limit"}}}
                        """.formatted(ApprovalModal.COMMENT_BLOCK, ApprovalModal.COMMENT_ACTION)));
                assertThat(rejected.body()).doesNotContain("errors");

                FakeSlack.Call done = slack.await("functions.completeSuccess");
                assertThat(done.authorization()).isEqualTo("Bearer xwfp-9");
                JsonNode outputs = readOutputs(done);
                assertThat(outputs.path("decision").asText()).isEqualTo("rejected");
                assertThat(outputs.path("decided_by").asText()).isEqualTo("UB");
                assertThat(outputs.path("comment").asText()).isEqualTo("Over the limit");
                Quiescence.await(second);
                assertThat(slack.calls("functions.completeSuccess")).hasSize(1);
                assertThat(slack.calls("functions.completeError")).as("a rejection is not an error").isEmpty();
                assertThat(slack.functionCompleted("Fx9")).isTrue();
            }
        }
    }

    @Test
    void anApprovalThatAllMustGiveCompletesWithTheLastApproverEvenOverRest() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("TASKBRIDGE_ADMIN_KEY", "admin-key-for-workflow-steps-0123456");
        try (RunningService svc = new RunningService(Databases.sqliteUrl(), env)) {
            svc.slack.functionExecution("Fx3", "xwfp-3", Set.of("decision", "decided_by"));
            svc.requests.event(functionExecuted("T1", "Ev3", "request_approval", "Fx3", "xwfp-3", """
                    {"title":"Publish the annual report","approvers":["UB","UC"],"mode":"all","channel":"C1","requester":"UA"}"""));
            String ts = svc.slack.awaitButtonFor("UB", ApprovalMessage.APPROVE).ts();
            svc.slack.awaitButtonFor("UC", ApprovalMessage.APPROVE);
            long taskId = svc.service.tasks().list(io.taskbridge.task.TaskQuery.all()).get(0).id();
            String ref = taskId + ":1:0";

            svc.requests.interaction(SlackPayloads.buttonClick("UB", ApprovalMessage.APPROVE, "approval_actions:" + ref,
                    ref, "DUB", ts, svc.slack.responseUrl("b")));
            svc.slack.await("chat.update", c -> "DUB".equals(c.param("channel")));
            Quiescence.await(svc);
            assertThat(svc.slack.calls("functions.completeSuccess")).as("one of two approvals is not a decision").isEmpty();

            String carol = rest(svc, "POST", "/v1/apikeys", env.get("TASKBRIDGE_ADMIN_KEY"),
                    "{\"name\":\"carol\",\"role\":\"member\",\"principal\":\"UC\"}").path("key").asText();
            rest(svc, "POST", "/v1/tasks/" + taskId + "/actionSubmission", carol, "{\"action\":\"APPROVE\"}");

            JsonNode outputs = readOutputs(svc.slack.await("functions.completeSuccess"));
            assertThat(outputs.path("decision").asText()).isEqualTo("approved");
            assertThat(outputs.path("decided_by").asText()).isEqualTo("UC");
            assertThat(outputs.path("comment").asText()).isEmpty();
        }
    }

    @Test
    void aTaskCanceledWhileItsStepWaitsFailsTheStep() {
        try (RunningService svc = new RunningService(Databases.sqliteUrl(), ENV)) {
            svc.slack.functionExecution("Fx4", "xwfp-4", Set.of("decision", "decided_by"));
            svc.requests.event(functionExecuted("T1", "Ev4", "request_approval", "Fx4", "xwfp-4", """
                    {"title":"Book the venue","approvers":["UB"],"channel":"C1","requester":"UA"}"""));
            svc.slack.awaitButtonFor("UB", ApprovalMessage.APPROVE);
            long taskId = svc.service.tasks().list(io.taskbridge.task.TaskQuery.all()).get(0).id();

            svc.requests.command("cancel " + taskId, "UA", "C1", "general", "trigger-cancel", svc.slack.responseUrl("c"));

            assertThat(svc.slack.await("functions.completeError").param("error"))
                    .isEqualTo("Task #" + taskId + " was canceled before anyone decided.");
            Quiescence.await(svc);
            assertThat(svc.slack.calls("functions.completeSuccess")).isEmpty();
        }
    }

    private static JsonNode rest(RunningService svc, String method, String path, String key, String body) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://127.0.0.1:" + svc.service.port() + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        return JSON.readTree(r.body());
    }

    private static JsonNode readOutputs(FakeSlack.Call call) {
        try {
            return JSON.readTree(call.param("outputs"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A function_executed event as Slack sends it for a workflow step of this app. */
    static String functionExecuted(String team, String eventId, String callbackId, String executionId, String token,
                                   String inputs) {
        return """
                {"token":"x","team_id":"%s","api_app_id":"A1","type":"event_callback","event_id":"%s",
                 "event_time":1700000100,
                 "event":{"type":"function_executed",
                   "function":{"id":"Fn%s","callback_id":"%s","title":"Step","description":"","type":"app",
                     "input_parameters":[],"output_parameters":[],"app_id":"A1",
                     "date_created":1700000000,"date_updated":1700000000,"date_deleted":0},
                   "inputs":%s,
                   "function_execution_id":"%s","workflow_execution_id":"Wx%s","event_ts":"1700000100.000100",
                   "bot_access_token":"%s"},
                 "authorizations":[{"enterprise_id":null,"team_id":"%s","user_id":"UBOT","is_bot":true,
                   "is_enterprise_install":false}]}
                """.formatted(team, eventId, callbackId, callbackId, inputs, executionId, executionId, token, team);
    }
}
