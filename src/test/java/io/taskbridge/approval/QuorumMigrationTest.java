package io.taskbridge.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Database;
import io.taskbridge.platform.Dialect;
import io.taskbridge.task.Status;
import io.taskbridge.task.TaskService;
import io.taskbridge.testing.Databases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * V25 on a store a previous build left with approvals under way: a ONE step reads as a count of
 * one, an ALL step as everyone, and both are decided as they were asked.
 */
class QuorumMigrationTest {

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void oneAndAllStepsWrittenBeforeV25KeepTheirMeaning(Databases.Kind kind) {
        String url = Databases.url(kind);
        Flyway.configure().dataSource(url, "postgres", "postgres").locations("classpath:db/migration")
                .placeholders(Map.of("id_column", Dialect.of(url).idColumn())).target("22").load().migrate();
        org.jdbi.v3.core.Jdbi.create(url, "postgres", "postgres").useHandle(h -> {
            for (String mode : new String[] {"ONE", "ALL"}) {
                long id = h.createUpdate("INSERT INTO tasks (title, status, priority, created_by, created_at, updated_at,"
                                + " approval_round, approval_state, approval_step) VALUES (:t, 'REVIEW', 'MEDIUM', 'UCREATOR',"
                                + " 0, 0, 1, 'PENDING', 0)").bind("t", mode).executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class).one();
                h.execute("INSERT INTO approval_steps (task_id, round, position, mode) VALUES (?, 1, 0, ?)", id, mode);
                for (String user : new String[] {"UA", "UB"}) {
                    h.execute("INSERT INTO approval_participants (task_id, round, position, user_id) VALUES (?, 1, 0, ?)",
                            id, user);
                }
            }
        });
        try (Database db = Database.open(url, "postgres", "postgres")) {
            Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
            TaskService tasks = new TaskService(db.jdbi(), clock, (e, tx) -> { });
            ApprovalService approvals = new ApprovalService(db.jdbi(), clock, (e, tx) -> { }, (e, tx) -> { });
            java.util.List<Integer> required = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COALESCE(required, 0) FROM approval_steps ORDER BY task_id").mapTo(Integer.class).list());
            assertThat(required).as("ONE is a count of one; ALL has none").containsExactly(1, 0);
            assertThat(approvals.find(1).orElseThrow().steps().get(0).mode()).isEqualTo(CompletionMode.ONE);
            assertThat(approvals.find(2).orElseThrow().steps().get(0).mode()).isEqualTo(CompletionMode.ALL);

            assertThat(approvals.decide(1, 1, 0, "UA", Decision.APPROVE, Optional.empty()).kind())
                    .isEqualTo(ApprovalChanged.Kind.APPROVED);
            assertThat(approvals.decide(2, 1, 0, "UA", Decision.APPROVE, Optional.empty()).kind())
                    .as("everyone must approve").isEqualTo(ApprovalChanged.Kind.ANSWERED);
            assertThat(approvals.decide(2, 1, 0, "UB", Decision.APPROVE, Optional.empty()).kind())
                    .isEqualTo(ApprovalChanged.Kind.APPROVED);
            assertThat(tasks.get(1).status()).isEqualTo(Status.DONE);
            assertThat(tasks.get(2).status()).isEqualTo(Status.DONE);
        }
    }
}
