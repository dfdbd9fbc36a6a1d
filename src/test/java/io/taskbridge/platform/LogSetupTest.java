package io.taskbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** Logging is set up in code (no logback.xml): the same format and levels the XML gave, and an operator's file still wins. */
class LogSetupTest {

    @Test
    void logbackFindsIt() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(LogSetup.class);
    }

    @Test
    void oneLinePerEventOnStandardOutputAtInfo() {
        LoggerContext context = new LoggerContext();
        assertThat(new LogSetup(Map.<String, String>of()::get).configure(context))
                .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        var out = (ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>) root.getAppender("STDOUT");
        assertThat(out.isStarted()).isTrue();
        LogSetup.QUIET.forEach(name -> assertThat(context.getLogger(name).getLevel()).isEqualTo(Level.WARN));

        LoggingEvent event = new LoggingEvent("x", context.getLogger("io.taskbridge.Taskbridge"), Level.INFO,
                "listening on port {}", null, new Object[] {3000});
        event.setThreadName("main");
        event.setTimeStamp(0);
        assertThat(new String(out.getEncoder().encode(event), StandardCharsets.UTF_8))
                .isEqualTo("1970-01-01T00:00:00.000Z INFO  [main] Taskbridge - listening on port 3000" + System.lineSeparator());
    }

    @Test
    void levelFromTheEnvironment() {
        LoggerContext context = new LoggerContext();
        new LogSetup(Map.of("TASKBRIDGE_LOG_LEVEL", "DEBUG")::get).configure(context);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
    }

    @Test
    void anOperatorsOwnFileWins() {
        LoggerContext context = new LoggerContext();
        assertThat(new LogSetup(Map.of("logback.configurationFile", "my.xml")::get).configure(context))
                .isEqualTo(Configurator.ExecutionStatus.NEUTRAL);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }
}
