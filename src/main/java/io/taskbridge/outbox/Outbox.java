package io.taskbridge.outbox;

import io.taskbridge.platform.Sql;
import io.taskbridge.platform.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes outbound messages as rows inside the caller's transaction, and wakes the worker once that
 * transaction commits: a crash before the commit leaves neither the change nor the message.
 */
public final class Outbox {
    private static final Sql INSERT = Sql.of(OutboxDao.INSERT);
    private static final Sql UPSERT = Sql.of(OutboxDao.UPSERT);

    private final OutboxCodec codec;
    private final Clock clock;
    private final Consumer<Pending> wake;

    /** A row a commit has just made due (or will at {@code dueAt}): the workers tell from it whether a pass is needed. */
    public record Pending(String kind, Optional<String> channel, long dueAt) {}

    /** {@code wake} hears of each row once its transaction commits. */
    public Outbox(OutboxCodec codec, Clock clock, Consumer<Pending> wake) {
        this.codec = codec;
        this.clock = clock;
        this.wake = wake;
    }

    /**
     * Queues {@code message}, for {@code workspace} (its token delivers it). With a {@code dedupeKey}, at most one such row waits: a second
     * enqueue marks the waiting one as changed instead of adding another.
     */
    public void enqueue(Handle tx, WorkspaceId workspace, OutboxMessage message, Optional<String> dedupeKey,
                        Optional<String> channel) {
        enqueue(tx, workspace, message, dedupeKey, channel, Duration.ZERO);
    }

    /**
     * Queues {@code message} under {@code dedupeKey}, due {@code settle} from now: enqueues of the
     * same key meanwhile join the waiting row (its due time stays), so a burst of them is delivered
     * once, {@code settle} after the first.
     */
    public void enqueueSettled(Handle tx, WorkspaceId workspace, OutboxMessage message, String dedupeKey,
                               Duration settle) {
        enqueue(tx, workspace, message, Optional.of(dedupeKey), Optional.empty(), settle);
    }

    private void enqueue(Handle tx, WorkspaceId workspace, OutboxMessage message, Optional<String> dedupeKey,
                         Optional<String> channel, Duration settle) {
        // A plain statement (platform/Sql): this is the hot path, every post a change causes.
        long now = clock.millis();
        Sql.Run row = (dedupeKey.isPresent() ? UPSERT : INSERT).on(tx)
                .bind("kind", message.kind())
                .bind("channel", channel.orElse(null))
                .bind("payload", codec.write(message))
                .bind("at", now)
                .bind("workspace", workspace.value());
        long due = now + settle.toMillis();
        dedupeKey.ifPresent(key -> row.bind("key", key).bind("due", due));
        row.defer(); // written with the batch's other rows before its commit (platform/DeferredRows)
        Pending pending = new Pending(message.kind(), channel, due);
        tx.afterCommit(() -> wake.accept(pending));
    }

    /** A message for {@link #enqueueAll}: no dedupe key, so each becomes a row of its own. */
    public record Queued(OutboxMessage message, Optional<String> channel, WorkspaceId workspace) {}

    /**
     * Queues {@code messages}, in this order, as one batch of inserts: for callers that queue many
     * at once (a reminder tick queues two per reminder) and need no dedupe key.
     */
    public void enqueueAll(Handle tx, List<Queued> messages) {
        if (messages.isEmpty()) {
            return;
        }
        long now = clock.millis();
        // A JDBC batch: PostgreSQL takes it in one round trip (a tick queues thousands of rows).
        PreparedBatch batch = tx.prepareBatch(OutboxDao.INSERT);
        for (Queued q : messages) {
            batch.bind("kind", q.message().kind()).bind("channel", q.channel().orElse(null))
                    .bind("payload", codec.write(q.message())).bind("at", now).bind("workspace", q.workspace().value())
                    .add();
        }
        batch.execute();
        List<Pending> made = messages.stream().map(q -> new Pending(q.message().kind(), q.channel(), now)).distinct().toList();
        tx.afterCommit(() -> made.forEach(wake));
    }
}
