package io.taskbridge;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Taskbridge from the environment and stops it cleanly on SIGTERM. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
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
        }, "shutdown"));
    }
}
