package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxCodec;
import io.taskbridge.platform.Database;
import io.taskbridge.platform.Json;
import io.taskbridge.platform.PreparedStatements;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.testing.Databases;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A change's transaction looks each person's home up once: a decision touches the same people as a
 * task change and as an approval change, and a group commit's batch touches one person for several
 * requests. What it queues is the same; a new transaction, after a commit or a rollback, looks again.
 */
class HomeLookupsTest {
    private static final WorkspaceId WORKSPACE = new WorkspaceId("T1");

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void oneTransactionLooksEachPersonUpOnceAndTheNextLooksAgain(Databases.Kind kind) {
        try (Database db = Databases.open(kind)) {
            Jdbi jdbi = db.jdbi();
            List<String> lookups = new ArrayList<>();
            jdbi.getConfig(PreparedStatements.class).observe(sql -> {
                if (sql.equals(AppHomeDao.OPENED_AMONG)) {
                    lookups.add(sql);
                }
            });
            HomeRefresh homes = new HomeRefresh(new Outbox(new OutboxCodec(Json.mapper()), Clock.systemUTC(), row -> { }),
                    Clock.systemUTC());
            jdbi.useHandle(h -> h.attach(AppHomeDao.class).opened(WORKSPACE.value(), "UALICE", 1L));

            db.writes().write(tx -> {
                homes.touched(tx, WORKSPACE, List.of("UALICE", "UBOB"));
                homes.touched(tx, WORKSPACE, List.of("UBOB", "UALICE"));
                homes.touched(tx, new WorkspaceId("T2"), List.of("UALICE"));
                return null;
            });
            assertThat(lookups).as("Alice and Bob in T1 once, Alice in T2 once").hasSize(2);
            assertThat(homeRows(jdbi)).as("Alice's home, once").isEqualTo(1);

            lookups.clear();
            AtomicInteger asked = new AtomicInteger();
            assertThatThrownBy(() -> db.writes().write(tx -> {
                homes.touched(tx, WORKSPACE, List.of("UCAROL"));
                asked.set(lookups.size());
                throw new IllegalStateException("rolled back");
            })).hasMessage("rolled back");
            assertThat(asked.get()).isEqualTo(1);

            lookups.clear();
            db.writes().write(tx -> {
                homes.touched(tx, WORKSPACE, List.of("UALICE", "UCAROL"));
                return null;
            });
            assertThat(lookups).as("after a commit and a rollback, a new transaction looks again").hasSize(1);
        }
    }

    private static int homeRows(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE kind = 'home_view'")
                .mapTo(Integer.class).one());
    }
}
