package io.taskbridge.notify;

import io.taskbridge.store.OutboxDao;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Writes outbound messages as rows inside the caller's transaction, and wakes the worker once that
 * transaction commits: a crash before the commit leaves neither the change nor the message.
 */
public final class Outbox {
    private final OutboxCodec codec;
    private final Clock clock;
    private final Runnable wake;

    public Outbox(OutboxCodec codec, Clock clock, Runnable wake) {
        this.codec = codec;
        this.clock = clock;
        this.wake = wake;
    }

    /**
     * Queues {@code message}. With a {@code dedupeKey}, at most one such row waits: a second
     * enqueue marks the waiting one as changed instead of adding another.
     */
    public void enqueue(Handle tx, OutboxMessage message, Optional<String> dedupeKey, Optional<String> channel) {
        OutboxDao dao = tx.attach(OutboxDao.class);
        String payload = codec.write(message);
        long now = clock.millis();
        if (dedupeKey.isPresent()) {
            dao.upsert(message.kind(), dedupeKey.get(), channel.orElse(null), payload, now);
        } else {
            dao.insert(message.kind(), null, channel.orElse(null), payload, now);
        }
        tx.afterCommit(wake);
    }
}
