package io.taskbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Database;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeAwork;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.RunningService;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * README: "completing or cancelling drops [the reminders]; reopening plans them again", end to end
 * through a task system that may reopen a done task (awork: done back to in progress), by polling.
 */
class ReopenReplansTest {
    @Test
    void doneDropsTheRemindersAndReopeningPlansThemAgain() {
        try (FakeAwork fake = new FakeAwork()) {
            Map<String, String> env = Map.of("AWORK_BASE_URL", fake.baseUrl(), "AWORK_API_KEY", FakeAwork.KEY,
                    "AWORK_PROJECT_ID", FakeAwork.PROJECT, "TASKBRIDGE_POLL_INTERVAL", "1h");
            try (RunningService svc = new RunningService(Databases.sqliteUrl(), env, List.of(), new FakeSlack());
                 Database db = Database.open(svc.dbUrl, null, null)) {
                Instant due = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
                FakeAwork.Task t = fake.seed("Book the venue", FakeAwork.PROJECT);
                fake.edit(t.id, x -> {
                    x.dueOn = due.toString();
                    x.statusId = "s-progress";
                });
                svc.poll("awork");
                long id = local(svc).id();
                assertThat(local(svc).dueDate()).contains(due);
                List<String> planned = kinds(db, id);
                assertThat(planned).as("due and overdue").containsExactlyInAnyOrder("due", "overdue");

                fake.edit(t.id, x -> x.statusId = "s-done");
                svc.poll("awork");
                assertThat(local(svc).status()).isEqualTo(Status.DONE);
                assertThat(kinds(db, id)).as("done drops them").isEmpty();

                fake.edit(t.id, x -> x.statusId = "s-progress");
                svc.poll("awork");
                assertThat(local(svc).status()).isEqualTo(Status.IN_PROGRESS);
                assertThat(kinds(db, id)).as("reopened: planned again").containsExactlyInAnyOrderElementsOf(planned);
            }
        }
    }

    static Task local(RunningService svc) {
        return svc.service.tasks().list(TaskQuery.all()).stream().filter(x -> x.title().equals("Book the venue"))
                .findFirst().orElseThrow();
    }

    static List<String> kinds(Database db, long taskId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT kind FROM reminders WHERE task_id = :id")
                .bind("id", taskId).mapTo(String.class).list());
    }
}
