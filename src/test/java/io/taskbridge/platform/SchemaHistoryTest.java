package io.taskbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.testing.Databases;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A start skips Flyway only when every migration is applied: a new database and one a previous
 * build left are still migrated, on both databases.
 */
class SchemaHistoryTest {

    @Test
    void versionsNameEveryMigrationThisBuildShips() throws IOException, URISyntaxException {
        Path dir = Path.of(SchemaHistoryTest.class.getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> shipped = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.(sql|class)"))
                    .map(name -> name.substring(1, name.indexOf("__")))
                    .sorted(Comparator.comparingInt(Integer::parseInt))
                    .toList();
            assertThat(SchemaHistory.VERSIONS).containsExactlyElementsOf(shipped);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aNewDatabaseIsMigratedAndThenRecognisedAsCurrent(Databases.Kind kind) {
        String url = Databases.url(kind);
        try (Database db = Database.open(url, "postgres", "postgres")) {
            assertThat(SchemaHistory.current(db.pool())).isTrue();
            int tasks = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM tasks").mapTo(Integer.class).one());
            assertThat(tasks).isZero();
        }
        try (Database again = Database.open(url, "postgres", "postgres")) {
            assertThat(SchemaHistory.current(again.pool())).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aDatabaseAPreviousBuildLeftIsMigratedToTheLatest(Databases.Kind kind) {
        String url = Databases.url(kind);
        Dialect dialect = Dialect.of(url);
        Flyway older = Flyway.configure().dataSource(url, "postgres", "postgres").locations("classpath:db/migration")
                .placeholders(Map.of("id_column", dialect.idColumn())).target("10").load();
        older.migrate();
        assertThat(SchemaHistory.current(older.getConfiguration().getDataSource())).isFalse();

        try (Database db = Database.open(url, "postgres", "postgres")) {
            assertThat(SchemaHistory.current(db.pool())).isTrue();
            assertThat(older.info().current().getVersion().getVersion()).isEqualTo(SchemaHistory.latest());
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aFailedMigrationIsLeftToFlyway(Databases.Kind kind) {
        try (Database db = Databases.open(kind)) {
            db.jdbi().useHandle(h -> h.execute("UPDATE flyway_schema_history SET success = ? WHERE version = ?",
                    false, SchemaHistory.latest()));
            assertThat(SchemaHistory.current(db.pool())).isFalse();
        }
    }
}
