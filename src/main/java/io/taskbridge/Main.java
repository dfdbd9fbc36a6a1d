package io.taskbridge;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Taskbridge from the environment and stops it cleanly on SIGTERM. */
public final class Main {
    static {
        // First, before the logger below is set up (~70 ms): see preload.
        StartupTask.begin("preload", Main::preload);
    }

    private static final Logger log = LoggerFactory.getLogger(Main.class);
    /**
     * Jetty pads some arrays against false sharing by references per cache line, and when not told
     * it asks the platform MBean server whether oops are compressed: that starts JMX (hundreds of
     * classes, ~0.1 s of start-up). Oops are compressed below 32 GB of heap; a wrong guess would
     * only change the padding.
     */
    static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private Main() {}

    public static void main(String[] args) {
        tellLibraries();
        Config config;
        try {
            config = Config.fromEnvironment();
        } catch (IllegalArgumentException e) {
            log.error("Bad setting: {}", e.getMessage());
            System.exit(2);
            return;
        }
        Taskbridge service = Taskbridge.start(config, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping Taskbridge");
            service.close();
            log.info("Taskbridge stopped");
        }, "shutdown"));
    }

    /**
     * Classes whose first use is slow, set up on a thread of their own while the main thread sets up
     * logging and wires the service, as Spring Boot's background pre-initializer does: Jetty's
     * {@code MimeTypes} lists every locale the JDK knows (~70 ms of the main thread at start),
     * Jackson's {@code ObjectMapper} builds its date formats (~45 ms), and Jdbi's SQL parser builds
     * its lexer at its first statement. The main thread waits for a class still being set up rather
     * than setting it up twice, so this only moves work off its path; an error here is met again,
     * and reported, where the class is used.
     */
    static Void preload() {
        ClassLoader loader = Main.class.getClassLoader();
        for (Class<?> type : List.of(org.eclipse.jetty.http.MimeTypes.class, com.fasterxml.jackson.databind.ObjectMapper.class)) {
            try {
                Class.forName(type.getName(), true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return null;
            }
        }
        new org.jdbi.v3.core.statement.ColonPrefixSqlParser().parse("SELECT :preload", null);
        return null;
    }

    /** What the libraries would otherwise find out the slow way; an operator's own -D setting wins. */
    static void tellLibraries() {
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, referencesPerCacheLine(Runtime.getRuntime().maxMemory()));
        }
    }

    /** 64-byte cache lines: 16 compressed (4-byte) references, or 8 plain ones. */
    static String referencesPerCacheLine(long maxHeapBytes) {
        return maxHeapBytes < 32L * 1024 * 1024 * 1024 ? "16" : "8";
    }
}
