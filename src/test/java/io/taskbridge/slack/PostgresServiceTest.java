package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.task.Status;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TASKBRIDGE_DB_URL=jdbc:postgresql://… runs the whole service on PostgreSQL: the same flow as on SQLite. */
class PostgresServiceTest {

    @Test
    void createCompleteAndUpdateOnPostgres() {
        try (RunningService svc = new RunningService(Databases.postgresUrl(), Map.of())) {
            assertThat(svc.get("/healthz").statusCode()).isEqualTo(200);
            svc.requests.command("add Runs on PostgreSQL due tomorrow !urgent", "UBOB", "C1", "pg-1",
                    svc.slack.responseUrl("r1"));
            assertThat(svc.slack.await("response_url").json().get("text").asText()).contains("Runs on PostgreSQL");
            FakeSlack.Call post = svc.slack.await("chat.postMessage");
            long id = svc.service.tasks().list(io.taskbridge.task.TaskQuery.all()).get(0).id();
            String ts = awaitTs(svc, id);

            svc.requests.interaction(SlackPayloads.buttonClick("UBOB", TaskMessage.START, TaskMessage.ACTIONS_BLOCK + id,
                    Long.toString(id), "C1", ts, svc.slack.responseUrl("click")));
            svc.slack.await("chat.update", c -> c.param("ts").equals(ts));
            assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.IN_PROGRESS);
            assertThat(post.param("channel")).isEqualTo("C1");
        }
    }

    private static String awaitTs(RunningService svc, long id) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            var ts = svc.service.tasks().get(id).slack().flatMap(p -> p.messageTs());
            if (ts.isPresent()) {
                return ts.get();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("never posted");
    }
}
