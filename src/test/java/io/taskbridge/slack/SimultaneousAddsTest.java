package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.testing.Concurrently;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.RunningService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many {@code /task add}s at once, through the signed Slack path, share group commits; on
 * PostgreSQL their plain inserts (tags, reminders, the channel's digest, audit rows, outbox rows)
 * wait for the batch's commit and are written together. Each task still ends with all of its own
 * rows, in order, and nothing of another's.
 */
class SimultaneousAddsTest {
    static final int ADDS = 24;

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void everyTaskOfABatchHasItsTagsRemindersAndAuditRow(Databases.Kind kind) throws Exception {
        try (RunningService svc = new RunningService(Databases.url(kind), Map.of())) {
            List<Callable<Integer>> adds = new ArrayList<>();
            for (int i = 0; i < ADDS; i++) {
                String n = "n" + i;
                adds.add(() -> svc.requests.command("add Item " + n + " due in 3 days #" + n + "first #" + n + "second",
                        "UALICE", "C1", "t-" + n, svc.slack.responseUrl("r-" + n)).statusCode());
            }
            assertThat(Concurrently.run(adds)).containsOnly(200);

            try (Connection c = DriverManager.getConnection(svc.dbUrl, "postgres", "postgres")) {
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (count(c, "SELECT count(*) FROM tasks") < ADDS && System.nanoTime() < deadline) {
                    Thread.sleep(50); // the first add of a user not yet known goes through the intake
                }
                List<Long> ids = longs(c, "SELECT id FROM tasks ORDER BY id");
                assertThat(ids).hasSize(ADDS);
                for (long id : ids) {
                    String n = title(c, id).substring("Item ".length());
                    assertThat(strings(c, "SELECT tag FROM task_tags WHERE task_id = ? ORDER BY position", id))
                            .as("task %d's tags", id).containsExactly(n + "first", n + "second");
                    assertThat(strings(c, "SELECT kind FROM reminders WHERE task_id = ? ORDER BY kind", id))
                            .as("task %d's reminders", id).isNotEmpty().doesNotHaveDuplicates();
                    assertThat(strings(c, "SELECT action FROM audit_events WHERE task_id = ?", id))
                            .as("task %d's audit trail", id).containsExactly("task.created");
                    assertThat(strings(c, "SELECT workspace FROM audit_events WHERE task_id = ?", id))
                            .containsExactlyElementsOf(strings(c, "SELECT workspace FROM tasks WHERE id = ?", id));
                }
                assertThat(count(c, "SELECT count(DISTINCT kind) FROM reminders"))
                        .as("the same schedule for each").isEqualTo(count(c, "SELECT count(*) FROM reminders") / ADDS);
                assertThat(count(c, "SELECT count(*) FROM channel_digests WHERE channel = 'C1'")).isEqualTo(1);
            }
        }
    }

    private static String title(Connection c, long id) throws SQLException {
        return strings(c, "SELECT title FROM tasks WHERE id = ?", id).get(0);
    }

    private static long count(Connection c, String sql) throws SQLException {
        return longs(c, sql).get(0);
    }

    private static List<Long> longs(Connection c, String sql) throws SQLException {
        List<Long> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                found.add(rs.getLong(1));
            }
        }
        return found;
    }

    private static List<String> strings(Connection c, String sql, long id) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
