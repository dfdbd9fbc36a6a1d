package io.taskbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.testing.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On SQLite, a commit never checkpoints (every pooled connection says {@code wal_autocheckpoint}
 * 0): the write-ahead log is copied into the database file by a thread of its own, soon after
 * the writes, and what was written reads the same.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WalCheckpointsTest {

    @Test
    void commitsLeaveCheckpointsToTheirOwnThreadWhichCopiesTheLogSoonAfter() throws Exception {
        String url = Databases.sqliteUrl();
        Path file = Path.of(url.substring("jdbc:sqlite:".length()));
        try (Database db = Database.open(url, "", "")) {
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE wal_probe (k INTEGER PRIMARY KEY, v TEXT)"));
            try (Connection c = ((javax.sql.DataSource) db.pool()).getConnection();
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_autocheckpoint")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("a pooled connection's auto-checkpoint").isZero();
            }
            long before = Files.size(file);
            String text = "x".repeat(2000);
            // ~8 MB in 40 commits: past SQLite's own 1000-page threshold several times over.
            for (int batch = 0; batch < 40; batch++) {
                int first = batch * 100;
                db.writes().write(h -> {
                    for (int k = first; k < first + 100; k++) {
                        h.execute("INSERT INTO wal_probe (k, v) VALUES (?, ?)", k, text);
                    }
                    return null;
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Files.size(file) < before + 4_000_000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Files.size(file)).as("the database file, once the log was copied into it")
                    .isGreaterThan(before + 4_000_000);
            assertThat(count(db)).isEqualTo(4000);
        }
    }

    private static int count(Database db) throws SQLException {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM wal_probe").mapTo(Integer.class).one());
    }
}
