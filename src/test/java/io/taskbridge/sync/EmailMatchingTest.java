package io.taskbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.connector.NewTask;
import io.taskbridge.connector.RemoteTask;
import io.taskbridge.connector.TaskBackend;
import io.taskbridge.task.Status;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * README: "a connector that can look people up is asked with the Slack profile's email and the
 * answer is remembered as a link". End to end with a task system that has a directory.
 */
class EmailMatchingTest {
    /** A task system that can look people up by email; records what it was asked and given. */
    static final class Directory implements TaskBackend {
        final List<String> lookups = new CopyOnWriteArrayList<>();
        final List<NewTask> created = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "directory";
        }

        @Override
        public Result submitDecision(Submission submission) {
            return new Result.Done();
        }

        @Override
        public Optional<String> findUserByEmail(String email) {
            lookups.add(email);
            return email.equals("alice@example.com") ? Optional.of("dir-alice") : Optional.empty();
        }

        @Override
        public RemoteTask create(NewTask task) {
            created.add(task);
            return new RemoteTask("D-" + created.size(), task.title(), Optional.empty(), Status.TODO, "open",
                    task.assignee().map(List::of).orElse(List.of()), Optional.empty(), Instant.now(), List.of(), Optional.empty());
        }
    }

    @Test
    void aPersonIsMatchedByTheirSlackEmailOnceAndTheLinkIsRemembered() {
        Directory directory = new Directory();
        FakeSlack slack = new FakeSlack();
        slack.email("UALICE", "alice@example.com");
        try (RunningService svc = new RunningService(Databases.sqliteUrl(), Map.of("TASKBRIDGE_POLL_INTERVAL", "1h"),
                List.of(directory), slack)) {
            svc.slack.workspaceAdmin("UADMIN"); // TASKBRIDGE_ADMINS unset: the workspace's own admins
            command(svc, "connect directory", "UADMIN", "first");
            command(svc, "add Plan the offsite <@UALICE>", "UBOB", "second");
            Quiescence.await(svc);
            command(svc, "add Book the rooms <@UALICE>", "UBOB", "third");
            Quiescence.await(svc);

            assertThat(directory.created).extracting(NewTask::title).containsExactly("Plan the offsite", "Book the rooms");
            assertThat(directory.created).extracting(NewTask::assignee).containsOnly(Optional.of("dir-alice"));
            assertThat(directory.lookups).as("asked once, then the link answers").containsExactly("alice@example.com");
        }
    }

    static void command(RunningService svc, String text, String user, String id) {
        svc.requests.command(text, user, "C1", "t-" + id, svc.slack.responseUrl(id));
        svc.slack.await("response_url", c -> c.form().get("id").equals(id));
    }
}
