package io.taskbridge.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The Web API calls Taskbridge makes, each turned into a {@link SlackResult}: nothing here throws
 * for a refusal or an outage, so callers decide between retrying, waiting and giving up.
 */
public final class SlackWeb {
    /** Errors that say "try again later" rather than "this will never work". */
    private static final Set<String> TRANSIENT = Set.of("internal_error", "fatal_error", "service_unavailable",
            "request_timeout", "ratelimited", "team_added_to_org", "io_error");

    private final MethodsClient client;

    public SlackWeb(MethodsClient client) {
        this.client = client;
    }

    public SlackResult<String> postMessage(String channel, String text, List<LayoutBlock> blocks, Optional<String> threadTs) {
        return call(() -> client.chatPostMessage(r -> r.channel(channel).text(text).blocks(blocks)
                .threadTs(threadTs.orElse(null)).unfurlLinks(false)), response -> response.getTs());
    }

    /** A reply in a thread; {@code broadcast} also shows it in the channel (Slack's reply_broadcast). */
    public SlackResult<String> postReply(String channel, String threadTs, String text, List<LayoutBlock> blocks,
                                         boolean broadcast) {
        return call(() -> client.chatPostMessage(r -> r.channel(channel).threadTs(threadTs).replyBroadcast(broadcast)
                .text(text).blocks(blocks).unfurlLinks(false)), response -> response.getTs());
    }

    /** The id of the bot's direct-message channel with {@code userId} ({@code conversations.open}). */
    public SlackResult<String> openDm(String userId) {
        return call(() -> client.conversationsOpen(r -> r.users(List.of(userId))),
                response -> response.getChannel().getId());
    }

    public SlackResult<String> updateMessage(String channel, String ts, String text, List<LayoutBlock> blocks) {
        return call(() -> client.chatUpdate(r -> r.channel(channel).ts(ts).text(text).blocks(blocks)),
                response -> response.getTs());
    }

    public SlackResult<String> openView(String triggerId, View view) {
        return call(() -> client.viewsOpen(r -> r.triggerId(triggerId).view(view)),
                response -> response.getView().getId());
    }

    /** The user's IANA time zone as Slack knows it ({@code users.info}). */
    public SlackResult<String> userTimeZone(String userId) {
        return call(() -> client.usersInfo(r -> r.user(userId)), response -> response.getUser().getTz());
    }

    /** The user's email address ({@code users.info}, needs the {@code users:read.email} scope). */
    public SlackResult<String> userEmail(String userId) {
        return call(() -> client.usersInfo(r -> r.user(userId)), response -> response.getUser().getProfile() == null
                ? "" : String.valueOf(response.getUser().getProfile().getEmail()));
    }

    private interface Call<R> {
        R run() throws IOException, SlackApiException;
    }

    private static <R extends SlackApiTextResponse, T> SlackResult<T> call(Call<R> call, Function<R, T> value) {
        try {
            R response = call.run();
            if (response.isOk()) {
                return new SlackResult.Ok<>(value.apply(response));
            }
            String error = response.getError() == null ? "unknown_error" : response.getError();
            return new SlackResult.Failed<>(error, TRANSIENT.contains(error));
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            if (status == 429) {
                return new SlackResult.RateLimited<>(retryAfter(e.getResponse().header("Retry-After")));
            }
            return new SlackResult.Failed<>("http_" + status, status >= 500);
        } catch (IOException e) {
            return new SlackResult.Failed<>("io_error", true);
        }
    }

    static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header == null ? "" : header.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(30);
        }
    }
}
