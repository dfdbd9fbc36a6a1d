package io.taskbridge.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;

/**
 * The service's logging, set up in code: one line per event on standard output, UTC timestamps,
 * {@code TASKBRIDGE_LOG_LEVEL} (default INFO), the chatty libraries at WARN, and Bolt's "no listener"
 * warnings down to DEBUG ({@link UnmatchedListenerFilter}). Logback finds it
 * through {@code META-INF/services}; doing this in code spares every start the XML parser and
 * Joran (about a fifth of a second). An operator's own file still wins:
 * {@code -Dlogback.configurationFile=my-logback.xml} hands the set-up back to Logback.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{0} - %msg%n";
    static final List<String> QUIET = List.of("com.zaxxer.hikari", "org.flywaydb", "org.eclipse.jetty", "io.javalin",
            "com.slack.api", "org.quartz");

    private final UnaryOperator<String> settings;

    /** As Logback creates it: settings from system properties, then the environment. */
    public LogSetup() {
        this(name -> System.getProperty(name, System.getenv(name)));
    }

    LogSetup(UnaryOperator<String> settings) {
        this.settings = settings;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (settings.apply("logback.configurationFile") != null) {
            return ExecutionStatus.NEUTRAL;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
        out.setContext(context);
        out.setName("STDOUT");
        out.setEncoder(encoder);
        out.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(settings.apply("TASKBRIDGE_LOG_LEVEL"), Level.INFO));
        root.addAppender(out);
        QUIET.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
        UnmatchedListenerFilter unmatched = new UnmatchedListenerFilter();
        unmatched.setContext(context);
        unmatched.start();
        context.addTurboFilter(unmatched);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
