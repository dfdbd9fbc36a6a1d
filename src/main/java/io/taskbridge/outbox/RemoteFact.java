package io.taskbridge.outbox;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One thing a task system changed in a task, as facts (no wording): the Slack side says them in
 * a subscribed channel or the task's thread. People are the task system's ids, with the Slack
 * user each is linked to, if any.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "fact")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RemoteFact.Created.class, name = "created"),
        @JsonSubTypes.Type(value = RemoteFact.StatusChanged.class, name = "status"),
        @JsonSubTypes.Type(value = RemoteFact.Responded.class, name = "responded"),
        @JsonSubTypes.Type(value = RemoteFact.AssigneesChanged.class, name = "assignees"),
        @JsonSubTypes.Type(value = RemoteFact.DueChanged.class, name = "due"),
        @JsonSubTypes.Type(value = RemoteFact.Retitled.class, name = "retitled")})
public sealed interface RemoteFact {
    /** A person in the task system, and the Slack user linked to them. */
    record Person(String remoteId, Optional<String> slackUser) {}

    record Created() implements RemoteFact {}

    record StatusChanged(String from, String to) implements RemoteFact {}

    /** An approval response: {@code action} as the task system names it (APPROVE, REJECT, ...). */
    record Responded(String action, Person by, Optional<String> comment) implements RemoteFact {}

    record AssigneesChanged(List<Person> from, List<Person> to) implements RemoteFact {
        public AssigneesChanged {
            from = List.copyOf(from);
            to = List.copyOf(to);
        }
    }

    record DueChanged(Optional<Instant> from, Optional<Instant> to) implements RemoteFact {}

    record Retitled(String from) implements RemoteFact {}
}
