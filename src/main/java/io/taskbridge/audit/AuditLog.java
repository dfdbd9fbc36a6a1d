package io.taskbridge.audit;

import io.taskbridge.platform.Daos;
import io.taskbridge.platform.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads the audit trail back, a page at a time, oldest first. It answers whatever it is asked:
 * callers ask the permission policy (who may see the task, which keys may export) first.
 */
public final class AuditLog {
    /** The most rows one page holds. */
    public static final int MAX_PAGE = 500;

    private final Jdbi jdbi;

    public AuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A page of rows and, when more follow, the cursor (the last row's id) to ask for the next. */
    public record Page(List<AuditEntry> entries, Optional<Long> next) {
        public Page {
            entries = List.copyOf(entries);
        }
    }

    /** One task's history after row {@code afterId} (0 for the start), at most {@code limit} rows. */
    public Page ofTask(long taskId, long afterId, int limit) {
        int size = clamp(limit);
        return page(jdbi.withExtension(AuditDao.class, dao -> dao.ofTask(taskId, afterId, size + 1)), size);
    }

    /** Page {@code number} (from 1) of a task's history in pages of {@code size}, and how many rows it has in all. */
    public record Numbered(List<AuditEntry> entries, int number, int pages, long total) {
        public Numbered {
            entries = List.copyOf(entries);
        }
    }

    public Numbered numberedPage(long taskId, int number, int size) {
        int n = Math.max(1, number);
        int s = clamp(size);
        return jdbi.withHandle(h -> {
            AuditDao dao = Daos.on(h, AuditDao.class);
            long total = dao.countOfTask(taskId);
            List<AuditEntry> rows = dao.ofTaskFrom(taskId, (long) (n - 1) * s, s);
            return new Numbered(rows, n, (int) Math.max(1, (total + s - 1) / s), total);
        });
    }

    /** The workspace's rows with {@code since <= at < until}, after row {@code afterId}. */
    public Page ofWorkspace(WorkspaceId workspace, Instant since, Instant until, long afterId, int limit) {
        int size = clamp(limit);
        return page(jdbi.withExtension(AuditDao.class, dao -> dao.inWorkspace(workspace.value(), since.toEpochMilli(),
                until.toEpochMilli(), afterId, size + 1)), size);
    }

    private static Page page(List<AuditEntry> rows, int size) {
        if (rows.size() <= size) {
            return new Page(rows, Optional.empty());
        }
        List<AuditEntry> kept = rows.subList(0, size);
        return new Page(kept, Optional.of(kept.get(size - 1).id()));
    }

    private static int clamp(int limit) {
        return Math.max(1, Math.min(limit, MAX_PAGE));
    }
}
