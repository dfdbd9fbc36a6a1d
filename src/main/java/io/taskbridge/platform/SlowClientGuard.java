package io.taskbridge.platform;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes HTTP/1 connections whose client sends a request's headers, or its body, too slowly. Jetty's
 * idle time-out restarts with every byte, so a client trickling one byte a second would hold a
 * connection (and, on {@code /slack/events}, a thread reading the body) for as long as it likes. Each
 * connection is looked at every {@link #TICK}: a request whose headers have been arriving for
 * longer than {@code headers}, or whose body for longer than {@code body}, is cut off. A
 * connection waiting between requests is left to the idle time-out, a request being handled (its
 * body read) to its handler.
 */
final class SlowClientGuard implements Connection.Listener {
    private static final Logger log = LoggerFactory.getLogger(SlowClientGuard.class);
    static final Duration TICK = Duration.ofMillis(500);

    private final Scheduler scheduler;
    private final Duration headers;
    private final Duration body;

    SlowClientGuard(Scheduler scheduler, Duration headers, Duration body) {
        this.scheduler = scheduler;
        this.headers = headers;
        this.body = body;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            new Watch(http).schedule();
        }
    }

    private enum Phase { BETWEEN, HEADERS, BODY }

    /** One connection's phase, when it began, and which request it belongs to. */
    private final class Watch implements Runnable {
        private final HttpConnection connection;
        private Phase phase = Phase.BETWEEN;
        private long request = -1;
        private long since = System.nanoTime();

        Watch(HttpConnection connection) {
            this.connection = connection;
        }

        void schedule() {
            scheduler.schedule(this, TICK.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            if (!connection.getEndPoint().isOpen()) {
                return;
            }
            Phase now = phaseOf(connection.getParser());
            long messages = connection.getMessagesIn();
            long nanos = System.nanoTime();
            if (now != phase || messages != request) {
                phase = now;
                request = messages;
                since = nanos;
            } else if (now != Phase.BETWEEN && nanos - since > (now == Phase.HEADERS ? headers : body).toNanos()) {
                log.info("closed a connection from {}: its request's {} took longer than {} s", remote(),
                        now == Phase.HEADERS ? "headers" : "body", (now == Phase.HEADERS ? headers : body).toSeconds());
                connection.getEndPoint().close();
                return;
            }
            schedule();
        }

        private String remote() {
            var address = connection.getEndPoint().getRemoteSocketAddress();
            return address == null ? "?" : address.toString();
        }
    }

    private static Phase phaseOf(HttpParser parser) {
        HttpParser.State state = parser.getState();
        if (state == HttpParser.State.START || state.ordinal() >= HttpParser.State.END.ordinal()) {
            return Phase.BETWEEN;
        }
        return parser.inHeaderState() ? Phase.HEADERS : parser.inContentState() ? Phase.BODY : Phase.BETWEEN;
    }
}
