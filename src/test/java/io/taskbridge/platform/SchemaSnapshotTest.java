package io.taskbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new SQLite file starts as a copy of the build's schema snapshot, with exactly the schema and
 * history Flyway makes; a file that exists is never touched; without a usable snapshot Flyway
 * migrates as before, and a snapshot from an older build gets the migrations it lacks.
 */
class SchemaSnapshotTest {
    @TempDir
    Path dir;

    @Test
    void aNewFileStartsAsTheSnapshotWithTheSchemaFlywayMakes() throws Exception {
        Path snapshot = dir.resolve("schema.db");
        SchemaSnapshot.make(snapshot);
        Path migrated = dir.resolve("migrated.db");
        try (Database db = Database.open(url(migrated), null, null)) {
            assertThat(SchemaHistory.current(db.pool())).isTrue();
        }

        // A mark only a copy can have (user_version is outside the schema compared below).
        try (Connection c = DriverManager.getConnection(url(snapshot)); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 4242");
        }

        Path seeded = dir.resolve("seeded.db");
        try (Database db = Database.connect(url(seeded), null, null)) {
            db.migrate(Optional.of(snapshot));
            assertThat(SchemaHistory.current(db.pool())).isTrue();
            db.jdbi().useHandle(h -> h.execute("INSERT INTO api_keys (name, role, principal, secret_hash, created_at, workspace)"
                    + " VALUES ('ci', 'WRITE', 'ci', 'abc', 1, 'T1')"));
        }
        assertThat(strings(seeded, "PRAGMA user_version")).containsExactly("4242");
        assertThat(schema(seeded)).isEqualTo(schema(migrated)).isNotEmpty();
        // The history is the snapshot's own (same rows, same install times): Flyway did not run again.
        assertThat(history(seeded)).isEqualTo(history(snapshot)).hasSize(SchemaHistory.VERSIONS.size());
        assertThat(rows(seeded, "api_keys")).isEqualTo(1);
        assertThat(rows(snapshot, "api_keys")).as("the snapshot is copied, never written").isZero();
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".new"));
        }
    }

    @Test
    void aFileThatExistsIsKept() throws Exception {
        Path snapshot = dir.resolve("schema.db");
        SchemaSnapshot.make(snapshot);
        Path existing = dir.resolve("existing.db");
        try (Connection c = DriverManager.getConnection(url(existing)); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE mine (x INTEGER)");
            s.execute("INSERT INTO mine VALUES (7)");
        }
        assertThat(SchemaSnapshot.seed(url(existing), snapshot)).isFalse();
        assertThat(rows(existing, "mine")).isEqualTo(1);

        Path walOnly = dir.resolve("wal-only.db");
        Files.writeString(dir.resolve("wal-only.db-wal"), "");
        assertThat(SchemaSnapshot.seed(url(walOnly), snapshot)).as("a journal without its file").isFalse();
        assertThat(walOnly).doesNotExist();
    }

    @Test
    void withoutASnapshotFlywayMigrates() throws Exception {
        Path db = dir.resolve("plain.db");
        try (Database d = Database.connect(url(db), null, null)) {
            d.migrate(Optional.of(dir.resolve("missing.db")));
            assertThat(SchemaHistory.current(d.pool())).isTrue();
        }
        assertThat(history(db)).hasSize(SchemaHistory.VERSIONS.size());
    }

    @Test
    void aSnapshotFromAnOlderBuildGetsTheMigrationsItLacks() throws Exception {
        Path older = dir.resolve("older.db");
        Flyway.configure().dataSource(url(older), null, null).locations("classpath:db/migration")
                .placeholders(Map.of("id_column", Dialect.SQLITE.idColumn())).target("24").load().migrate();
        Path seeded = dir.resolve("seeded.db");
        try (Database db = Database.connect(url(seeded), null, null)) {
            db.migrate(Optional.of(older));
            assertThat(SchemaHistory.current(db.pool())).isTrue();
        }
        assertThat(history(seeded)).hasSize(SchemaHistory.VERSIONS.size()).startsWith(history(older).toArray(String[]::new));
    }

    @Test
    void onlyAPlainSqliteFileIsSeeded() {
        assertThat(SchemaSnapshot.file("jdbc:sqlite:/var/lib/taskbridge/t.db")).contains(Path.of("/var/lib/taskbridge/t.db"));
        assertThat(SchemaSnapshot.file("jdbc:sqlite:t.db")).contains(Path.of("t.db"));
        assertThat(SchemaSnapshot.file("jdbc:sqlite::memory:")).isEmpty();
        assertThat(SchemaSnapshot.file("jdbc:sqlite:file:t.db?mode=memory&cache=shared")).isEmpty();
        assertThat(SchemaSnapshot.file("jdbc:sqlite:t.db?journal_mode=WAL")).isEmpty();
        assertThat(SchemaSnapshot.file("jdbc:sqlite:")).isEmpty();
        assertThat(SchemaSnapshot.file("jdbc:postgresql://localhost/taskbridge")).isEmpty();
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file;
    }

    /** Every table, index and trigger as SQLite keeps its definition, in name order. */
    private static List<String> schema(Path file) throws SQLException {
        return strings(file, "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master"
                + " WHERE name NOT LIKE 'sqlite_%' ORDER BY name");
    }

    private static List<String> history(Path file) throws SQLException {
        return strings(file, "SELECT installed_rank || ' ' || version || ' ' || checksum || ' ' || installed_on"
                + " FROM flyway_schema_history ORDER BY installed_rank");
    }

    private static int rows(Path file, String table) throws SQLException {
        return Integer.parseInt(strings(file, "SELECT count(*) FROM " + table).get(0));
    }

    private static List<String> strings(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(file)); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            List<String> found = new ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1));
            }
            return found;
        }
    }
}
