package io.taskbridge.sync;

import io.taskbridge.connector.BackendException;
import io.taskbridge.connector.ChangedPage;
import io.taskbridge.connector.RemoteTask;
import io.taskbridge.connector.TaskBackend;
import io.taskbridge.platform.Daos;
import io.taskbridge.sync.ConnectionDao;
import io.taskbridge.task.TaskProblem;
import io.taskbridge.platform.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what changed in one connection since its cursor and applies it. Each page is applied in one
 * transaction that also advances the cursor (a compare-and-set, so two instances never apply a page
 * twice); a failed request leaves the cursor where it was, so the next poll asks again and nothing
 * is lost. The request asks {@code modified ≥ cursor}: the task at the cursor comes back once more
 * and is recognised as unchanged, while a task changed in the same instant as the cursor, but
 * committed after the last poll, is not missed. The tasks it makes belong to the one workspace the
 * connection serves ({@link Connections#owner}); while it serves none, it is not read.
 */
public final class Poller {
    private static final Logger log = LoggerFactory.getLogger(Poller.class);

    private final Jdbi jdbi;
    private final RemoteSync sync;
    private final Connections connections;
    private final Metrics metrics;

    /** Each poll's duration and changes go to {@code metrics}; a connection that serves no workspace is not read. */
    public Poller(Jdbi jdbi, RemoteSync sync, Connections connections, Metrics metrics) {
        this.jdbi = jdbi;
        this.sync = sync;
        this.connections = connections;
        this.metrics = metrics;
    }

    /** How one poll went: pages (= list requests) read, tasks seen, tasks changed. */
    public record Report(int pages, int seen, int changed, Optional<String> failure) {
        public boolean ok() {
            return failure.isEmpty();
        }
    }

    private static final class LostRace extends RuntimeException {
        LostRace() {
            super("another poll moved the cursor", null, false, false);
        }
    }

    /** One poll of {@code backend}. Never throws: failures are reported and logged. */
    public Report poll(TaskBackend backend) {
        long began = System.nanoTime();
        Report report = pollOnce(backend);
        metrics.poll(backend.name(), report.ok(), Duration.ofNanos(System.nanoTime() - began), report.changed());
        return report;
    }

    private Report pollOnce(TaskBackend backend) {
        String name = backend.name();
        if (connections.owner(name).isEmpty()) {
            // Its cursor stays unset: the first poll after a workspace claims it imports what exists.
            log.debug("poll of {} skipped: no workspace has connected a channel to it yet", name);
            return new Report(0, 0, 0, Optional.of("no workspace uses " + name + " yet"));
        }
        Optional<ConnectionDao.Cursor> cursor = jdbi.withExtension(ConnectionDao.class, dao -> dao.cursor(name));
        boolean firstPoll = cursor.isEmpty();
        Instant since = Instant.ofEpochMilli(cursor.map(ConnectionDao.Cursor::at).orElse(0L));
        long[] version = {cursor.map(ConnectionDao.Cursor::version).orElse(0L)};
        int pages = 0;
        int seen = 0;
        int changed = 0;
        Optional<String> next = Optional.empty();
        try {
            do {
                ChangedPage page = backend.changedSince(since, next);
                pages++;
                seen += page.tasks().size();
                long newest = page.tasks().stream().map(RemoteTask::modified).mapToLong(Instant::toEpochMilli)
                        .max().orElse(since.toEpochMilli());
                int applied = jdbi.inTransaction(tx -> {
                    int n = 0;
                    for (RemoteTask t : page.tasks()) {
                        if (!sync.apply(tx, backend, t, firstPoll).isEmpty()) {
                            n++;
                        }
                    }
                    ConnectionDao dao = Daos.on(tx, ConnectionDao.class);
                    if (version[0] == 0) {
                        if (dao.startCursor(name, newest) == 0) {
                            throw new LostRace();
                        }
                        version[0] = 1;
                    } else {
                        if (dao.advanceCursor(name, newest, version[0]) == 0) {
                            throw new LostRace();
                        }
                        version[0]++;
                    }
                    return n;
                });
                changed += applied;
                next = page.next();
            } while (next.isPresent());
        } catch (BackendException e) {
            log.warn("poll of {} stopped after {} page(s): {}", name, pages, e.getMessage());
            return new Report(pages, seen, changed, Optional.of(e.getMessage()));
        } catch (LostRace e) {
            log.info("poll of {} yielded: another instance is polling it", name);
            return new Report(pages, seen, changed, Optional.of(e.getMessage()));
        } catch (TaskProblem e) {
            log.warn("poll of {} could not record a task: {}", name, e.getMessage());
            return new Report(pages, seen, changed, Optional.of(e.getMessage()));
        } catch (RuntimeException e) {
            // A bad answer or a store failure ends this poll only; the cursor stays, the next tick retries.
            log.error("poll of {} failed after {} page(s)", name, pages, e);
            return new Report(pages, seen, changed, Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        if (changed > 0) {
            log.info("poll of {}: {} page(s), {} task(s) seen, {} changed", name, pages, seen, changed);
        }
        return new Report(pages, seen, changed, Optional.empty());
    }
}
