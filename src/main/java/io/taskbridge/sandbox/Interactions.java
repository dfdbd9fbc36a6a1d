package io.taskbridge.sandbox;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The short-lived handles Slack gives an app with each interaction: a {@code trigger_id} (whose
 * modal it opens) and a {@code response_url} (where a reply lands: whose, in which conversation,
 * and which message it may replace). Slack's expire; these live as long as the sandbox.
 */
final class Interactions {
    /** Where a response_url post goes: {@code messageTs} is the message a button was clicked on. */
    record Reply(String user, String channel, Optional<String> messageTs) {}

    private final Map<String, String> triggers = new ConcurrentHashMap<>();
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    String trigger(String user) {
        String id = ids.incrementAndGet() + ".sandbox." + Long.toHexString(System.nanoTime());
        triggers.put(id, user);
        return id;
    }

    Optional<String> userOfTrigger(String triggerId) {
        return Optional.ofNullable(triggerId).map(triggers::get);
    }

    /** A new response_url id for {@code reply}. */
    String reply(Reply reply) {
        String id = "R" + ids.incrementAndGet();
        replies.put(id, reply);
        return id;
    }

    Optional<Reply> replyTo(String id) {
        return Optional.ofNullable(replies.get(id));
    }
}
