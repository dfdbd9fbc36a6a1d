package io.taskbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.testing.Databases;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * V12 on a store a previous build left: tasks in a D… channel become DMs; every other existing
 * task's conversation stays unknown (NULL), which the policy treats as private until Slack tells.
 */
class PermissionsMigrationTest {

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void existingTasksGetASafeConversationKind(Databases.Kind kind) {
        String url = Databases.url(kind);
        Flyway.configure().dataSource(url, "postgres", "postgres").locations("classpath:db/migration")
                .placeholders(Map.of("id_column", Dialect.of(url).idColumn())).target("11").load().migrate();
        org.jdbi.v3.core.Jdbi.create(url, "postgres", "postgres").useHandle(h -> {
            for (String channel : new String[] {"D0123", "C0456", "G0789"}) {
                h.execute("INSERT INTO tasks (title, status, priority, created_by, slack_team, slack_channel, created_at,"
                        + " updated_at) VALUES (?, 'TODO', 'MEDIUM', 'UALICE', 'T1', ?, 0, 0)", "in " + channel, channel);
            }
            h.execute("INSERT INTO tasks (title, status, priority, created_by, created_at, updated_at)"
                    + " VALUES ('nowhere', 'TODO', 'MEDIUM', 'UALICE', 0, 0)");
        });
        try (Database db = Database.open(url, "postgres", "postgres")) {
            List<String> kinds = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT title || '=' || COALESCE(slack_conversation_kind, 'unknown') || '/'"
                            + " || COALESCE(approval_requested_by, '-') FROM tasks ORDER BY id").mapTo(String.class).list());
            assertThat(kinds).containsExactly("in D0123=DM/-", "in C0456=unknown/-", "in G0789=unknown/-", "nowhere=unknown/-");
        }
    }
}
