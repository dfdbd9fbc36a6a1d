package io.taskbridge.slack;

import io.taskbridge.outbox.Delivery;
import io.taskbridge.slack.DeliveryMark;
import io.taskbridge.slack.SlackResult;
import io.taskbridge.slack.SlackWeb;
import java.time.Duration;
import java.util.Optional;

/**
 * The one way outbox deliveries create Slack messages, so that a row is posted once even when the
 * service dies between Slack accepting the post and the row being settled. Every post carries the
 * row's {@link DeliveryMark} as message metadata. A first try just posts: no extra call. A row
 * tried before first asks Slack for a message with its mark ({@link SlackWeb#findPosted}): found,
 * that message's ts is the result and nothing is posted; not found, it posts; the look-up failing
 * (429, an error) is the result, so a retry never posts blindly.
 */
final class OncePoster {
    /** How far before the row was queued to look, for the difference between our clock and Slack's. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);

    /** A message of the row's: {@code ts}, and whether an earlier try had already posted it. */
    record Posted(String ts, boolean earlier) {}

    private final SlackWeb web;

    OncePoster(SlackWeb web) {
        this.web = web;
    }

    SlackResult<Posted> post(Delivery.Attempt attempt, SlackWeb.Post post) {
        DeliveryMark mark = new DeliveryMark(attempt.rowId(), attempt.queuedAt().toEpochMilli());
        if (attempt.mayHaveBeenSent()) {
            SlackResult<Optional<String>> found = web.findPosted(post.channel(), post.threadTs(), mark,
                    attempt.queuedAt().minus(CLOCK_MARGIN));
            if (found instanceof SlackResult.RateLimited<Optional<String>> limited) {
                return new SlackResult.RateLimited<>(limited.retryAfter());
            }
            if (found instanceof SlackResult.Failed<Optional<String>> failed) {
                return new SlackResult.Failed<>(failed.error(), failed.retryable());
            }
            Optional<String> ts = ((SlackResult.Ok<Optional<String>>) found).value();
            if (ts.isPresent()) {
                return new SlackResult.Ok<>(new Posted(ts.get(), true));
            }
        }
        SlackResult<String> posted = web.post(post, Optional.of(mark));
        if (posted instanceof SlackResult.Ok<String> ok) {
            return new SlackResult.Ok<>(new Posted(ok.value(), false));
        }
        if (posted instanceof SlackResult.RateLimited<String> limited) {
            return new SlackResult.RateLimited<>(limited.retryAfter());
        }
        SlackResult.Failed<String> failed = (SlackResult.Failed<String>) posted;
        return new SlackResult.Failed<>(failed.error(), failed.retryable());
    }
}
