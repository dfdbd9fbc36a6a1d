package io.taskbridge.platform;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new SQLite database made by this build's migrations, kept as a file: a start on a SQLite file
 * that does not exist yet begins with a copy of it, where Flyway would otherwise scan, parse and
 * run every migration (about a second of a first start, nearly all of it cold code). The copy is
 * what Flyway made, history table included, so the schema check then finds every version applied;
 * a snapshot from an older build only leaves Flyway the migrations it lacks.
 *
 * <p>{@code bin/taskbridge --train} makes it beside the class-data archive, for the same jar, and
 * names it to the service ({@value #PROPERTY}). Without one, or where it cannot be used, Flyway
 * runs as before: a snapshot only ever saves time, never decides what the schema is.
 */
public final class SchemaSnapshot {
    /** The system property that names the snapshot file. */
    public static final String PROPERTY = "taskbridge.schema.snapshot";
    private static final Logger log = LoggerFactory.getLogger(SchemaSnapshot.class);
    private static final String SQLITE = "jdbc:sqlite:";

    private SchemaSnapshot() {}

    /** The snapshot the launcher named, if any. */
    public static Optional<Path> named() {
        return Optional.ofNullable(System.getProperty(PROPERTY)).filter(p -> !p.isBlank()).map(Path::of);
    }

    /** Migrates a new, empty SQLite database and writes it to {@code file} (replacing what was there). */
    public static void make(Path file) throws IOException {
        Path dir = Files.createTempDirectory("taskbridge-schema");
        Path fresh = dir.resolve("fresh.db");
        Path written = dir.resolve("snapshot.db");
        try {
            try (Database db = Database.open(SQLITE + fresh, null, null);
                 Connection c = db.pool().getConnection();
                 PreparedStatement vacuum = c.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, written.toString());
                vacuum.execute();
            } catch (SQLException e) {
                throw new IOException("could not write the schema snapshot: " + e.getMessage(), e);
            }
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /**
     * When {@code jdbcUrl} names a SQLite file that does not exist yet (nor its journal), creates it
     * as a copy of {@code snapshot}; true when it did. The copy appears whole or not at all (written
     * beside it, then linked into place, which fails if another start made the file first).
     */
    static boolean seed(String jdbcUrl, Path snapshot) {
        Optional<Path> target = file(jdbcUrl);
        if (target.isEmpty() || !Files.isRegularFile(snapshot) || exists(target.get())) {
            return false;
        }
        Path db = target.get().toAbsolutePath();
        Path copy = null;
        try {
            copy = Files.createTempFile(db.getParent(), db.getFileName() + ".", ".new");
            Files.copy(snapshot, copy, StandardCopyOption.REPLACE_EXISTING);
            Files.createLink(db, copy);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            log.warn("Could not start {} from the schema snapshot ({}); migrating it instead", db, e.toString());
            return false;
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException e) {
                    log.warn("Could not remove {}: {}", copy, e.toString());
                }
            }
        }
    }

    /** The file a plain {@code jdbc:sqlite:<path>} URL names; none for memory, URI or parameterised URLs. */
    static Optional<Path> file(String jdbcUrl) {
        if (!jdbcUrl.startsWith(SQLITE)) {
            return Optional.empty();
        }
        String path = jdbcUrl.substring(SQLITE.length());
        if (path.isBlank() || path.startsWith(":") || path.startsWith("file:") || path.contains("?")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path));
    }

    private static boolean exists(Path db) {
        return Files.exists(db) || Files.exists(Path.of(db + "-wal")) || Files.exists(Path.of(db + "-journal"));
    }
}
