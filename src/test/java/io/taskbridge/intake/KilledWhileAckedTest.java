package io.taskbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import static io.taskbridge.testing.ServiceProcess.awaitThat;
import static io.taskbridge.testing.ServiceProcess.base;
import static io.taskbridge.testing.ServiceProcess.query;

import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.ServiceProcess;
import io.taskbridge.testing.SlackPayloads;
import io.taskbridge.testing.SlackRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost: the service as its own JVM on a SQLite file receives a stream of
 * signed Slack requests of four kinds whose work runs after the ack (a {@code /task add} with a due
 * date by someone whose zone is not known yet, {@code /task start}, {@code /task due}, a Done
 * click), and is killed with SIGKILL three times at random moments and restarted on the same
 * file. A request that got no ack is sent again, as a person would (same trigger, same click).
 * Afterwards every acknowledged request's effect is there exactly once, and every command was
 * answered through its response_url.
 */
class KilledWhileAckedTest {
    static final String SECRET = "crash-test-secret";
    static final String ADMIN_KEY = "crash-test-admin-key";
    /** Requests in all: two in five are adds, the rest change one task each (start, due, Done). */
    static final int REQUESTS = 150;
    static final int TARGETS = REQUESTS * 3 / 5;

    private enum Kind { ADD, START, DUE, DONE }

    static Kind kind(int k) {
        return switch (k % 5) {
            case 0, 1 -> Kind.ADD;
            case 2 -> Kind.START;
            case 3 -> Kind.DUE;
            default -> Kind.DONE;
        };
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void killedThreeTimesEveryAcknowledgedRequestTakesEffectExactlyOnce(@TempDir Path dir) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String db = "jdbc:sqlite:" + dir.resolve("tb.db");
        try (FakeSlack slack = new FakeSlack()) {
            for (int k = 0; k < REQUESTS; k++) {
                slack.timeZone("UC" + k, "Europe/Berlin");
                slack.timeZone("UT" + k, "America/New_York");
            }
            // Each time-zone look-up takes a while: acknowledged work piles up in the intake.
            for (int i = 0; i < 2 * REQUESTS; i++) {
                slack.failNext("users.info", new FakeSlack.Failure.Hang(Duration.ofMillis(100)));
            }
            Map<String, String> env = env(slack, db);
            Process service = ServiceProcess.start(dir, env, "service-0.log").process();
            List<Long> targets = new ArrayList<>();
            for (int t = 0; t < TARGETS; t++) {
                targets.add(createTarget(env, t));
            }

            SlackRequests requests = new SlackRequests(Integer.parseInt(env.get("PORT")), SECRET);
            AtomicInteger acked = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            Thread sender = new Thread(() -> {
                for (int k = 0; k < REQUESTS && !stop.get(); k++) {
                    while (!stop.get() && !send(requests, slack, k, targets)) {
                        sleep(50); // not acknowledged (the service is down): try the same request again
                    }
                    acked.incrementAndGet();
                    sleep(10);
                }
            }, "crash-test-sender");
            sender.start();

            int pendingAtKills = 0;
            try {
                for (int kill = 1; kill <= 3; kill++) {
                    int low = (kill - 1) * REQUESTS / 4 + REQUESTS / 10;
                    int at = low + random.nextInt(REQUESTS / 4);
                    awaitThat(() -> acked.get() >= at || !sender.isAlive(), Duration.ofSeconds(30), () -> "acked " + acked.get());
                    service.destroyForcibly();
                    assertThat(service.waitFor(15, TimeUnit.SECONDS)).isTrue();
                    pendingAtKills += inboxPending(db);
                    service = ServiceProcess.start(dir, env, "service-" + kill + ".log").process();
                }
                sender.join(60_000);
                assertThat(acked.get()).as("every request was acknowledged in the end").isEqualTo(REQUESTS);
                awaitThat(() -> inboxPending(db) == 0, Duration.ofSeconds(40), () -> "inbox rows left: " + inboxPending(db));
            } finally {
                stop.set(true);
                service.destroy();
                service.waitFor(15, TimeUnit.SECONDS);
            }

            assertThat(pendingAtKills).as("acknowledged work waiting at the kills (seed %d)", seed).isPositive();
            Map<String, Integer> titles = query(db, "SELECT title, COUNT(*) FROM tasks WHERE title LIKE 'Crash %' GROUP BY title",
                    rs -> {
                        Map<String, Integer> out = new HashMap<>();
                        while (rs.next()) {
                            out.put(rs.getString(1), rs.getInt(2));
                        }
                        return out;
                    });
            Map<Long, String[]> rows = query(db, "SELECT id, status, due_at, version FROM tasks WHERE title LIKE 'Target %'", rs -> {
                Map<Long, String[]> out = new HashMap<>();
                while (rs.next()) {
                    out.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                }
                return out;
            });
            Map<String, Long> answers = slack.calls("response_url").stream()
                    .collect(Collectors.groupingBy(c -> c.param("id"), Collectors.counting()));
            for (int k = 0; k < REQUESTS; k++) {
                switch (kind(k)) {
                    case ADD -> {
                        assertThat(titles.get("Crash " + k)).as("tasks made by request %d (seed %d)", k, seed).isEqualTo(1);
                        assertThat(answers).as("answers to request %d", k).containsKey("r" + k);
                    }
                    case START -> {
                        String[] row = rows.get(targets.get(target(k)));
                        assertThat(row[0]).as("request %d", k).isEqualTo("IN_PROGRESS");
                        assertThat(row[2]).as("changes of request %d's task", k).isEqualTo("1");
                        assertThat(answers).as("answers to request %d", k).containsKey("r" + k);
                    }
                    case DUE -> {
                        String[] row = rows.get(targets.get(target(k)));
                        assertThat(row[1]).as("request %d's due date", k).isNotNull();
                        assertThat(row[2]).as("changes of request %d's task", k).isEqualTo("1");
                        assertThat(answers).as("answers to request %d", k).containsKey("r" + k);
                    }
                    case DONE -> {
                        String[] row = rows.get(targets.get(target(k)));
                        assertThat(row[0]).as("request %d", k).isEqualTo("DONE");
                        assertThat(row[2]).as("changes of request %d's task", k).isEqualTo("1");
                    }
                }
            }
            assertThat(titles).as("no task made twice, none made that was not asked for").hasSize(REQUESTS * 2 / 5);
        }
    }

    /** The target task request {@code k} changes: one each. */
    static int target(int k) {
        return k / 5 * 3 + (k % 5 - 2);
    }

    /** Sends request {@code k}; true when it was acknowledged. */
    private static boolean send(SlackRequests requests, FakeSlack slack, int k, List<Long> targets) {
        try {
            String reply = slack.responseUrl("r" + k);
            HttpResponse<String> r = switch (kind(k)) {
                case ADD -> requests.command("add \"Crash " + k + "\" due tomorrow 5pm", "UC" + k, "CA", "trig-" + k, reply);
                case START -> requests.command("start " + targets.get(target(k)), "UT" + target(k), "CX", "trig-" + k, reply);
                case DUE -> requests.command("due " + targets.get(target(k)) + " friday 5pm", "UT" + target(k), "CX",
                        "trig-" + k, reply);
                case DONE -> requests.interaction(SlackPayloads.buttonClick("UT" + target(k), "task_done",
                        "task_actions:" + targets.get(target(k)), Long.toString(targets.get(target(k))), "CX",
                        "1700000000.000100", reply));
            };
            return r.statusCode() == 200 && !r.body().contains("very busy");
        } catch (IllegalStateException e) {
            return false; // connection refused or cut: no ack
        }
    }

    private static long createTarget(Map<String, String> env, int t) throws Exception {
        String body = "{\"title\":\"Target " + t + "\",\"channel\":\"CX\",\"assigneeId\":\"UT" + t + "\"}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base(env) + "/v1/tasks"))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Long.parseLong(r.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"(\\d+)\".*", "$1"));
    }

    private static Map<String, String> env(FakeSlack slack, String db) throws IOException {
        Map<String, String> env = ServiceProcess.env(slack, db, ADMIN_KEY);
        env.put("SLACK_SIGNING_SECRET", SECRET);
        env.put("TASKBRIDGE_OUTBOX_LEASE_SECONDS", "2");
        return env;
    }

    private static int inboxPending(String db) {
        return query(db, "SELECT COUNT(*) FROM inbox WHERE state = 'pending'", rs -> rs.next() ? rs.getInt(1) : 0);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
