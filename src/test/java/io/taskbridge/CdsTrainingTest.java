package io.taskbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The class-data training start runs the whole service once on its own throw-away database and cleans up. */
class CdsTrainingTest {

    @Test
    void startsServesAndLeavesNothingBehind() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = trainingDirs(tmp);
        CdsTraining.main(new String[0]);
        assertThat(trainingDirs(tmp)).isEqualTo(before);
    }

    @Test
    void writesTheSchemaSnapshotAndStartsFromIt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path snapshot = dir.resolve("taskbridge-schema.db");
        CdsTraining.main(new String[] {dir.resolve("native").toString(), snapshot.toString()});
        assertThat(snapshot).isRegularFile();
        try (var db = io.taskbridge.platform.Database.connect("jdbc:sqlite:" + snapshot, null, null)) {
            int applied = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM flyway_schema_history"
                    + " WHERE success").mapTo(Integer.class).one());
            int tasks = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM tasks").mapTo(Integer.class).one());
            assertThat(applied).isPositive();
            assertThat(tasks).isZero();
        }
        assertThat(System.getProperty(io.taskbridge.platform.SchemaSnapshot.PROPERTY)).as("left for no other start").isNull();
    }

    @Test
    void copiesSqlitesNativeLibraryForThisPlatform(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path copy = CdsTraining.copySqliteLibrary(dir.resolve("native"));
        assertThat(copy.getFileName().toString()).isEqualTo(org.sqlite.util.LibraryLoaderUtil.getNativeLibName());
        assertThat(Files.size(copy)).isPositive();
    }

    private static long trainingDirs(Path tmp) throws Exception {
        try (Stream<Path> dirs = Files.list(tmp)) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("taskbridge-cds")).count();
        }
    }
}
