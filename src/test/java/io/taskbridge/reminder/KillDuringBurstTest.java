package io.taskbridge.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import static io.taskbridge.testing.ServiceProcess.awaitThat;
import static io.taskbridge.testing.ServiceProcess.base;
import static io.taskbridge.testing.ServiceProcess.query;

import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: the service as its own JVM on a SQLite file, killed with SIGKILL in the middle of
 * a burst while a post is in flight (Slack has accepted it, the service has not heard back), twice:
 * during the task messages and during the reminders. Restarted on the same file each time, it
 * posts every message exactly once and none goes missing.
 */
class KillDuringBurstTest {
    static final String ADMIN_KEY = "kill-test-admin-key";
    static final int TASKS = 20;
    static final int CHANNELS = 10;
    /** A task message, a reminder reply in its thread and a reminder DM to its assignee, per task. */
    static final int EXPECTED = TASKS * 3;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void killedTwiceMidBurstEachMessageIsPostedExactlyOnce(@TempDir Path dir) throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("tb.db");
        try (FakeSlack slack = new FakeSlack()) {
            slack.postDelay(Duration.ofMillis(150)); // accepted, then 150 ms before the answer: posts are in flight
            Map<String, String> env = env(slack, db);

            Process first = start(dir, env, "first.log");
            Instant due = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
            for (int k = 0; k < TASKS; k++) {
                createTask(env, k, due);
            }
            List<String> inFlight = new ArrayList<>();
            inFlight.add(killAfterPosts(first, slack, 7, db));

            Process second = start(dir, env, "second.log");
            inFlight.add(killAfterPosts(second, slack, TASKS + 12, db));

            Process third = start(dir, env, "third.log");
            try {
                // No outbox row left (leased ones included) means nothing can be sent again: no need
                // to wait out a lease to see a second copy.
                awaitThat(() -> slack.posted().size() >= EXPECTED && pending(db) == 0, Duration.ofSeconds(40),
                        () -> "posted " + slack.posted().size() + " of " + EXPECTED + ", pending " + pending(db));
            } finally {
                third.destroy();
                third.waitFor(15, TimeUnit.SECONDS);
            }

            // Each kill hit the gap: a post Slack had accepted whose row had not been settled.
            assertThat(inFlight).as("rows whose post was in flight at each kill").doesNotContainNull();

            List<FakeSlack.Call> posts = slack.posted();
            Map<String, Long> perRow = posts.stream().collect(Collectors.groupingBy(
                    p -> FakeSlack.outboxRow(p).orElse("unmarked"), Collectors.counting()));
            assertThat(perRow).as("accepted posts per outbox row").hasSize(EXPECTED)
                    .doesNotContainKey("unmarked").allSatisfy((row, n) -> assertThat(n).as("row " + row).isEqualTo(1L));
            assertThat(perRow).containsKeys(inFlight.toArray(String[]::new));
            assertThat(FakeSlack.methods(slack.calls()))
                    .as("the rows in flight were looked up on their next try")
                    .containsAnyOf("conversations.history", "conversations.replies");

            // Every task's ts is its one channel message; each thread got one reminder; each assignee one DM.
            Map<Long, String> taskTs = taskTs(db);
            List<FakeSlack.Message> top = slack.messages().stream()
                    .filter(m -> m.channel().startsWith("C") && m.threadTs() == null).toList();
            assertThat(taskTs.values()).hasSize(TASKS).doesNotContainNull()
                    .containsExactlyInAnyOrderElementsOf(top.stream().map(FakeSlack.Message::ts).toList());
            Map<String, Long> repliesPerThread = slack.messages().stream().filter(m -> m.threadTs() != null)
                    .collect(Collectors.groupingBy(FakeSlack.Message::threadTs, Collectors.counting()));
            assertThat(repliesPerThread).containsOnlyKeys(taskTs.values()).allSatisfy((t, n) -> assertThat(n).isEqualTo(1L));
            Set<String> dms = slack.messages().stream().map(FakeSlack.Message::channel).filter(c -> c.startsWith("D"))
                    .collect(Collectors.toSet());
            assertThat(dms).hasSize(TASKS);
            assertThat(slack.messages().stream().filter(m -> m.channel().startsWith("D"))).hasSize(TASKS);
        }
    }

    /**
     * Waits until Slack has accepted {@code posts} posts, then kills the service at once: the last
     * accepted post's answer is still on its way. Gives that post's outbox row if it was still
     * waiting in the outbox after the kill (the gap this is about), else null.
     */
    private static String killAfterPosts(Process service, FakeSlack slack, int posts, String db) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (slack.posted().size() < posts && System.nanoTime() < deadline && service.isAlive()) {
            Thread.sleep(2);
        }
        List<FakeSlack.Call> accepted = slack.posted();
        service.destroyForcibly();
        assertThat(service.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(accepted.size()).as("posts before the kill").isGreaterThanOrEqualTo(posts);
        String row = FakeSlack.outboxRow(accepted.get(accepted.size() - 1)).orElseThrow();
        return rowWaits(db, Long.parseLong(row)) ? row : null;
    }

    private static Map<String, String> env(FakeSlack slack, String db) throws IOException {
        Map<String, String> env = ServiceProcess.env(slack, db, ADMIN_KEY);
        env.put("TASKBRIDGE_OUTBOX_LEASE_SECONDS", "2");
        env.put("TASKBRIDGE_REMINDER_INTERVAL", "0.2");
        return env;
    }

    private static Process start(Path dir, Map<String, String> env, String log) throws Exception {
        return ServiceProcess.start(dir, env, log).process();
    }

    private static void createTask(Map<String, String> env, int k, Instant due) throws Exception {
        String body = "{\"title\":\"Burst " + k + "\",\"channel\":\"CK" + (k % CHANNELS) + "\",\"assigneeId\":\"UA" + k
                + "\",\"dueDate\":\"" + due + "\"}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base(env) + "/v1/tasks"))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static int pending(String db) {
        return query(db, "SELECT COUNT(*) FROM outbox WHERE state = 'pending'", rs -> rs.next() ? rs.getInt(1) : 0);
    }

    private static boolean rowWaits(String db, long row) {
        return query(db, "SELECT COUNT(*) FROM outbox WHERE state = 'pending' AND id = " + row, rs -> rs.next() && rs.getInt(1) == 1);
    }

    private static Map<Long, String> taskTs(String db) {
        return query(db, "SELECT id, slack_ts FROM tasks", rs -> {
            Map<Long, String> out = new HashMap<>();
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
            return out;
        });
    }
}
