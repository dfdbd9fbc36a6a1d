package io.taskbridge.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Bolt logs a WARN and a seven-line code suggestion for every request no listener takes ("No
 * BoltEventHandler registered for event: app_home_opened …"). Slack sends such requests as a matter
 * of course (events the manifest subscribes to, buttons that only open links), and they are
 * answered 200: an operator has nothing to do, so they are logged at DEBUG, in one line.
 */
final class UnmatchedListenerFilter extends TurboFilter {
    static final String BOLT_APP = "com.slack.api.bolt.App";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (format == null || level != Level.WARN || !logger.getName().equals(BOLT_APP)
                || !format.startsWith("No ") || !format.contains(" registered for ")) {
            return FilterReply.NEUTRAL;
        }
        if (logger.isDebugEnabled()) {
            int end = format.indexOf('\n');
            logger.debug(end < 0 ? format : format.substring(0, end), params == null || params.length == 0 ? null : params[0]);
        }
        return FilterReply.DENY;
    }
}
