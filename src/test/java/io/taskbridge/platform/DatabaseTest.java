package io.taskbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskbridge.testing.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/** The pool opens on first use, and SQLite's connections carry the settings the store relies on. */
class DatabaseTest {

    @Test
    void connectingOpensNothingUntilTheMigration() throws InterruptedException {
        String url = Databases.sqliteUrl();
        Path file = Path.of(url.substring("jdbc:sqlite:".length()));
        try (Database db = Database.connect(url, null, null)) {
            assertThat(db.jdbi()).isSameAs(db.jdbi());
            // the checkpoints' thread, started with Jdbi, waits for the migration to make the file
            // (which may be a copy of the schema snapshot, made only where there is no file)
            Thread.sleep(WalCheckpoints.EVERY.toMillis() * 3);
            assertThat(file).doesNotExist();
            db.migrate();
            assertThat(Files.exists(file)).isTrue();
        }
    }

    @Test
    void anUnreachableDatabaseFailsTheMigration() {
        try (Database db = Database.connect("jdbc:postgresql://127.0.0.1:1/none", "nobody", "x")) {
            assertThatThrownBy(db::migrate).isInstanceOf(RuntimeException.class)
                    .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof java.sql.SQLException
                            && String.valueOf(c.getMessage()).contains("127.0.0.1:1")))
                    .satisfies(e -> assertThat(causes(e)).noneMatch(c -> String.valueOf(c.getMessage()).contains("password=x")));
            assertThat(db.ping()).isFalse();
        }
    }

    @Test
    void sqliteRunsInWalModeWithImmediateTransactionsAndForeignKeys() throws SQLException {
        try (Database db = Databases.open(Databases.Kind.SQLITE); Connection c = db.pool().getConnection()) {
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(c, "synchronous")).as("FULL: a commit is synced before it returns").isEqualTo("2");
            assertThat(pragma(c, "temp_store")).as("MEMORY: statement journals never spill to a file").isEqualTo("2");
            assertThat(pragma(c, "busy_timeout")).isEqualTo("10000");
            assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
            assertThat(c.unwrap(SQLiteConnection.class).getConnectionConfig().getTransactionMode())
                    .isEqualTo(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
    }

    @Test
    void sqliteRunsNoSecondStatementAfterAnInsertForGeneratedKeys() throws SQLException {
        try (Database db = Databases.open(Databases.Kind.SQLITE); Connection c = db.pool().getConnection()) {
            assertThat(c.unwrap(SQLiteConnection.class).getConnectionConfig().isGetGeneratedKeys()).isFalse();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE keys_probe (id INTEGER PRIMARY KEY, v TEXT)");
            }
            try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO keys_probe (v) VALUES (?)")) {
                insert.setString(1, "one");
                assertThat(insert.executeUpdate()).isEqualTo(1);
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    assertThat(keys.next()).as("no last_insert_rowid() was run for it").isFalse();
                }
            }
        }
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
            r.next();
            return r.getString(1);
        }
    }

    /** The exception and every cause under it. */
    static java.util.List<Throwable> causes(Throwable e) {
        java.util.List<Throwable> all = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }
}
