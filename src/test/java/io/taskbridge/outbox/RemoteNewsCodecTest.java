package io.taskbridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A task system's news waits in the outbox as JSON: every kind of fact comes back as it went in. */
class RemoteNewsCodecTest {
    private final OutboxCodec codec = new OutboxCodec(Json.mapper());

    @Test
    void everyFactSurvivesTheRow() {
        RemoteFact.Person linked = new RemoteFact.Person("r-1", Optional.of("U1"));
        RemoteFact.Person unlinked = new RemoteFact.Person("r-2", Optional.empty());
        OutboxMessage news = new OutboxMessage.RemoteNews("C1", 7, "Workiva", "Q3 close", Optional.of("https://w/7"),
                List.of(new RemoteFact.Created(),
                        new RemoteFact.StatusChanged("Open", "Done"),
                        new RemoteFact.Responded("APPROVE", linked, Optional.of("fine")),
                        new RemoteFact.AssigneesChanged(List.of(linked), List.of(unlinked)),
                        new RemoteFact.DueChanged(Optional.empty(), Optional.of(Instant.parse("2026-12-01T10:00:00Z"))),
                        new RemoteFact.Retitled("Q3")));

        OutboxMessage back = codec.read(news.kind(), codec.write(news));

        assertThat(back).isEqualTo(news);
    }

    @Test
    void aResponseForTheThreadSurvivesTheRow() {
        OutboxMessage note = new OutboxMessage.RemoteResponse(7, "awork",
                new RemoteFact.Responded("REJECT", new RemoteFact.Person("r-9", Optional.empty()), Optional.empty()));

        assertThat(codec.read(note.kind(), codec.write(note))).isEqualTo(note);
    }
}
