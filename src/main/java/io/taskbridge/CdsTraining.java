package io.taskbridge;

import io.taskbridge.platform.SchemaSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * The training run for class-data sharing, which {@code bin/taskbridge} makes once per build under
 * {@code -XX:ArchiveClassesAtExit}: it starts the service as an operator's start would (SQLite,
 * Slack over HTTP), asks {@code /healthz} once and stops; the JVM then writes every class it
 * loaded to the archive, and later starts map them instead of finding, parsing and verifying each.
 * It uses nothing of the operator's: a temporary folder for the database, port 0, placeholder Slack
 * credentials (nothing calls Slack at start).
 */
public final class CdsTraining {
    private CdsTraining() {}

    /**
     * With a folder as argument, also copies SQLite's native library for this platform there; with
     * a file as second argument, writes the schema snapshot there too ({@link SchemaSnapshot}), and
     * the training start begins from it, as later starts on a new file will.
     */
    public static void main(String[] args) throws IOException {
        Main.tellLibraries();
        if (args.length > 0) {
            copySqliteLibrary(Path.of(args[0]));
        }
        if (args.length > 1) {
            SchemaSnapshot.make(Path.of(args[1]));
            System.setProperty(SchemaSnapshot.PROPERTY, args[1]);
        }
        try {
            train();
        } finally {
            System.clearProperty(SchemaSnapshot.PROPERTY);
        }
    }

    private static void train() throws IOException {
        Path dir = Files.createTempDirectory("taskbridge-cds");
        try {
            Config config = Config.from(Map.of(
                    "PORT", "0",
                    "TASKBRIDGE_DB_URL", "jdbc:sqlite:" + dir.resolve("training.db"),
                    "SLACK_SIGNING_SECRET", "cds-training",
                    "SLACK_BOT_TOKEN", "xoxb-cds-training",
                    "SLACK_API_URL", "http://127.0.0.1:9/api/"));
            try (Taskbridge service = Taskbridge.start(config, Clock.systemUTC())) {
                int status = health(service.port());
                if (status != 200) {
                    throw new IllegalStateException("/healthz answered " + status);
                }
            }
        } finally {
            delete(dir);
        }
    }

    /**
     * sqlite-jdbc copies its native library out of the jar at every start (and compares it byte by
     * byte with the original, in the interpreter); bin/taskbridge points it at this copy instead.
     */
    static Path copySqliteLibrary(Path dir) throws IOException {
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        try (InputStream in = CdsTraining.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no SQLite library for this platform at " + resource);
            }
            Files.createDirectories(dir);
            Path copy = dir.resolve(LibraryLoaderUtil.getNativeLibName());
            Files.copy(in, copy);
            return copy;
        }
    }

    private static int health(int port) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/healthz").toURL().openConnection();
        try (InputStream body = c.getInputStream()) {
            body.readAllBytes();
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
