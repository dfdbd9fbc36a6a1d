package io.taskbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.connector.Backends;
import io.taskbridge.platform.Database;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.TestClock;
import java.time.Duration;
import io.taskbridge.platform.WorkspaceId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A channel's connection is remembered for a while; a connect on this instance is seen at once. */
class ConnectionsTest {
    private final TestClock clock = new TestClock();
    private final Database db = Databases.open(Databases.Kind.SQLITE);
    private final Connections connections = new Connections(db.jdbi(), new Backends(List.of()), clock, Optional::empty);
    private static final WorkspaceId T1 = new WorkspaceId("T1");

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aChannelWithoutAConnectionUsesTheBuiltInStore() {
        assertThat(connections.of(T1, "C1")).isEqualTo(Backends.BUILTIN);
    }

    @Test
    void anotherInstancesConnectIsSeenOnceTheRememberedAnswerExpires() {
        assertThat(connections.of(T1, "C1")).isEqualTo(Backends.BUILTIN);
        bindElsewhere("T1", "C1", "workiva");

        assertThat(connections.of(T1, "C1")).as("still remembered").isEqualTo(Backends.BUILTIN);
        assertThat(connections.of(T1, "C2")).as("other channels are read on their own").isEqualTo(Backends.BUILTIN);
        clock.advance(Duration.ofMillis(Connections.REMEMBERED_MS));
        assertThat(connections.of(T1, "C1")).isEqualTo("workiva");
    }

    @Test
    void aConnectOnThisInstanceIsSeenAtOnce() {
        bindElsewhere("T1", "C1", "workiva");
        assertThat(connections.of(T1, "C1")).isEqualTo("workiva");

        connections.connect(T1, "T1", "C1", Backends.BUILTIN, "U1");

        assertThat(connections.of(T1, "C1")).isEqualTo(Backends.BUILTIN);
    }

    @Test
    void aClockThatWentBackDoesNotKeepAnAnswerForever() {
        connections.of(T1, "C1");
        bindElsewhere("T1", "C1", "workiva");
        clock.advance(Duration.ofMinutes(-5));
        assertThat(connections.of(T1, "C1")).isEqualTo("workiva");
    }

    /** What another instance sharing the store does on /task connect. */
    private void bindElsewhere(String team, String channel, String connection) {
        db.jdbi().useHandle(h -> h.execute("INSERT INTO channel_connections (workspace, team, channel, connection, set_by,"
                + " set_at) VALUES (?, ?, ?, ?, 'U9', 0) ON CONFLICT (workspace, channel) DO UPDATE SET connection ="
                + " excluded.connection", team, team, channel, connection));
    }
}
