package io.taskbridge;

import io.taskbridge.connector.Backends;
import io.taskbridge.connector.TaskBackend;
import io.taskbridge.platform.Metrics;
import io.taskbridge.platform.SecretBox;
import io.taskbridge.sync.ConnectionSecrets;
import io.taskbridge.sync.Connections;
import io.taskbridge.sync.PollSchedule;
import io.taskbridge.sync.Poller;
import io.taskbridge.sync.RemoteSync;
import io.taskbridge.task.Source;
import io.taskbridge.sync.RemoteTasks;
import io.taskbridge.sync.Subscriptions;
import io.taskbridge.sync.Webhooks;
import io.taskbridge.task.TaskService;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.taskbridge.intake.Intake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task systems: the configured connectors (and any a caller adds), the one path for their changes
 * ({@link RemoteSync}), channel bindings, subscriptions, remote-task operations, polling, webhooks.
 */
record ConnectorModule(Backends backends, Subscriptions subscriptions, RemoteSync sync, Connections connections,
                       RemoteTasks remoteTasks, Poller poller) {
    private static final Logger log = LoggerFactory.getLogger(Taskbridge.class);

    /** The connectors {@code config} sets up, then {@code extra}. */
    static Backends backends(Config config, StoreModule store, Clock clock, List<TaskBackend> extra) {
        List<TaskBackend> all = new ArrayList<>(config.connectors().connect(store.json(), clock));
        all.addAll(extra);
        return new Backends(all);
    }

    /**
     * A connection no workspace has claimed serves the bot token's workspace in single-workspace mode
     * ({@code tasks}' home), and nobody with several workspaces installed.
     */
    static ConnectorModule wire(Config config, Clock clock, StoreModule store, Backends backends, TaskService tasks,
                                Metrics metrics) {
        Subscriptions subscriptions = new Subscriptions(store.db().jdbi(), clock);
        boolean several = config.slack().multiWorkspace();
        Connections connections = new Connections(store.db().jdbi(), backends, clock,
                () -> several ? Optional.empty() : Optional.of(tasks.workspace()));
        RemoteSync sync = new RemoteSync(tasks, subscriptions, connections, store.outbox(), store.json());
        // Each entry point stamps where its changes come from (the audit trail's "from where").
        RemoteTasks remoteTasks = new RemoteTasks(store.db().jdbi(), tasks.via(Source.SLACK), connections,
                sync.via(Source.SLACK));
        return new ConnectorModule(backends, subscriptions, sync, connections, remoteTasks,
                new Poller(store.db().jdbi(), sync.via(Source.POLL), connections, metrics));
    }

    /** POST /webhooks/{connection}; deliveries are recorded in the durable intake and applied by its workers. */
    Webhooks webhooks(Config config, Clock clock, StoreModule store, Intake intake) {
        Optional<SecretBox> box = config.connectors().encryptionKey().map(k -> new SecretBox(k, new SecureRandom()));
        return new Webhooks(backends, config.connectors().webhooks(),
                new ConnectionSecrets(store.db().jdbi(), box), sync.via(Source.WEBHOOK), store.db().jdbi(), store.json(), intake, clock);
    }

    /** Polls every connection on a Quartz schedule. */
    AutoCloseable startPolling(Config config) {
        AutoCloseable schedule = PollSchedule.start(poller, backends.all(), config.connectors().pollInterval());
        backends.all().forEach(b -> log.info("Connected to {} as '{}'; polling every {} s", b.displayName(), b.name(),
                config.connectors().pollInterval().toMillis() / 1000.0));
        return schedule;
    }
}
