package io.taskbridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxCodec;
import io.taskbridge.outbox.OutboxWorker;
import io.taskbridge.platform.Database;
import io.taskbridge.platform.Dialect;
import io.taskbridge.platform.Json;
import io.taskbridge.platform.SchemaSnapshot;
import io.taskbridge.platform.Secret;
import io.taskbridge.reminder.ReminderSchedule;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The store: the database (connected at once, its schema migrated on a thread of its own while the
 * rest is wired; {@link #ready} waits for it), the JSON mapping, and the outbox rows are written
 * through. The outbox wakes the worker, and the worker's deliveries write to the outbox (a bot that is
 * not in a channel is reported to the task's creator): {@link #wakes} closes that loop.
 */
record StoreModule(Database db, StartupTask<Database> schema, ObjectMapper json, OutboxCodec codec, Outbox outbox,
                   AtomicReference<List<OutboxWorker>> workers) {

    static StoreModule open(Config config, Clock clock, List<AutoCloseable> resources) {
        Database db = Database.connect(config.dbUrl(), config.dbUser().orElse(null),
                config.dbPassword().map(Secret::value).orElse(null));
        resources.add(db);
        StartupTask<Database> schema = StartupTask.begin("schema", () -> {
            db.migrate(SchemaSnapshot.named());
            return db;
        });
        resources.add(schema);
        ObjectMapper json = Json.mapper();
        OutboxCodec codec = new OutboxCodec(json);
        AtomicReference<List<OutboxWorker>> workers = new AtomicReference<>(List.of());
        Outbox outbox = new Outbox(codec, clock, row -> workers.get().forEach(w -> w.wake(row)));
        return new StoreModule(db, schema, json, codec, outbox, workers);
    }

    /** The workers (one per lane) {@link #outbox} wakes after each commit. */
    void wakes(List<OutboxWorker> lanes) {
        workers.set(List.copyOf(lanes));
    }

    /** Returns once the schema is migrated. */
    void ready() {
        schema.join();
    }

    /** Quartz's schedule in memory on SQLite (one instance), in the shared database on PostgreSQL (a cluster). */
    ReminderSchedule.Store scheduleStore(Config config) {
        if (db.dialect() == Dialect.POSTGRES) {
            return new ReminderSchedule.Store.ClusteredPostgres(config.dbUrl(), config.dbUser(), config.dbPassword());
        }
        return new ReminderSchedule.Store.Memory();
    }
}
