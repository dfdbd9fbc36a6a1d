package io.taskbridge.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The part of {@link FakeSlack} for App Home and shortcuts: {@code chat.getPermalink} (a link for a
 * message Slack keeps, or one the test declared) and {@code conversations.members} (the members the
 * test declared; a private conversation the bot is not in, i.e. with no members declared, is
 * {@code channel_not_found}, as Slack answers). Slack's error names: api.slack.com/methods.
 */
final class FakeSlackViews {
    static final Set<String> METHODS = Set.of("chat.getPermalink", "conversations.members");

    private final Map<String, List<String>> members = new ConcurrentHashMap<>();

    /** {@code channel}'s members (the bot counts as one: Slack answers only for conversations it is in). */
    void members(String channel, List<String> users) {
        members.put(channel, List.copyOf(users));
    }

    /** The error Slack answers for this call, if any. */
    Optional<String> check(String method, Map<String, String> form, java.util.function.Predicate<String> knownConversation,
                           java.util.function.BiPredicate<String, String> knownMessage) {
        String channel = form.getOrDefault("channel", "");
        if (!knownConversation.test(channel)) {
            return Optional.of("channel_not_found");
        }
        if (method.equals("chat.getPermalink")) {
            return knownMessage.test(channel, form.getOrDefault("message_ts", "")) ? Optional.empty()
                    : Optional.of("message_not_found");
        }
        return members.containsKey(channel) || channel.startsWith("C") ? Optional.empty() : Optional.of("channel_not_found");
    }

    Map<String, Object> answer(String method, Map<String, String> form) {
        String channel = form.getOrDefault("channel", "");
        if (method.equals("chat.getPermalink")) {
            String ts = form.getOrDefault("message_ts", "");
            return Map.of("ok", true, "channel", channel,
                    "permalink", "https://test.slack.com/archives/" + channel + "/p" + ts.replace(".", ""));
        }
        return Map.of("ok", true, "members", members.getOrDefault(channel, List.of()),
                "response_metadata", Map.of("next_cursor", ""));
    }
}
