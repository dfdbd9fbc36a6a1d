package io.taskbridge.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.Message;
import com.slack.api.model.ResponseMetadata;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import io.taskbridge.workspace.ConversationKind;
import io.taskbridge.workspace.WorkspaceAdmins;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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

    /** Messages per page when looking for an earlier post, and how many pages at most. */
    static final int PAGE_SIZE = 100;
    static final int LOOK_BACK_PAGES = 20;

    private final MethodsClient client;

    public SlackWeb(MethodsClient client) {
        this.client = client;
    }

    /**
     * A message to post: in {@code channel}, or as a reply in the thread {@code threadTs} (with
     * {@code broadcast}, Slack's reply_broadcast, also shown in the channel).
     */
    public record Post(String channel, Optional<String> threadTs, boolean broadcast, String text,
                       List<LayoutBlock> blocks) {
        public Post {
            blocks = List.copyOf(blocks);
        }

        public static Post message(String channel, String text, List<LayoutBlock> blocks) {
            return new Post(channel, Optional.empty(), false, text, blocks);
        }

        public static Post reply(String channel, String threadTs, String text, List<LayoutBlock> blocks, boolean broadcast) {
            return new Post(channel, Optional.of(threadTs), broadcast, text, blocks);
        }
    }

    /** {@code chat.postMessage}; with a {@code mark}, the message carries it as metadata. Gives the new message's ts. */
    public SlackResult<String> post(Post post, Optional<DeliveryMark> mark) {
        return call(() -> client.chatPostMessage(r -> r.channel(post.channel()).threadTs(post.threadTs().orElse(null))
                .replyBroadcast(post.broadcast()).text(post.text()).blocks(post.blocks()).unfurlLinks(false)
                .metadata(mark.map(DeliveryMark::metadata).orElse(null))), response -> response.getTs());
    }

    /**
     * The ts of the message carrying {@code mark} in {@code channel} (or, with {@code threadTs}, in
     * that thread), posted after {@code since}; empty when there is none. Reads
     * {@code conversations.history} or {@code conversations.replies} with all metadata, newest pages
     * first, at most {@link #LOOK_BACK_PAGES} pages. The bot reads only conversations it is a member
     * of, and posts to public channels without joining them: told it is not in the channel, it joins
     * ({@code conversations.join}) and reads again. A channel with more messages since than it reads
     * is a non-retryable failure: the caller cannot tell, and must not post blindly.
     */
    public SlackResult<Optional<String>> findPosted(String channel, Optional<String> threadTs, DeliveryMark mark,
                                                    Instant since) {
        SlackResult<Optional<String>> found = lookFor(channel, threadTs, mark, since);
        if (found instanceof SlackResult.Failed<Optional<String>> f && f.error().equals("not_in_channel")) {
            SlackResult<String> joined = call(() -> client.conversationsJoin(r -> r.channel(channel)),
                    response -> channel);
            return joined instanceof SlackResult.Ok<String> ? lookFor(channel, threadTs, mark, since) : found;
        }
        return found;
    }

    private SlackResult<Optional<String>> lookFor(String channel, Optional<String> threadTs, DeliveryMark mark,
                                                  Instant since) {
        String oldest = String.format(Locale.ROOT, "%d.%06d", since.getEpochSecond(), since.getNano() / 1_000);
        String cursor = null;
        for (int page = 0; page < LOOK_BACK_PAGES; page++) {
            String after = cursor;
            SlackResult<Page> read = threadTs.isPresent()
                    ? call(() -> client.conversationsReplies(r -> r.channel(channel).ts(threadTs.get()).oldest(oldest)
                            .includeAllMetadata(true).limit(PAGE_SIZE).cursor(after)),
                            response -> new Page(response.getMessages(), next(response.getResponseMetadata())))
                    : call(() -> client.conversationsHistory(r -> r.channel(channel).oldest(oldest)
                            .includeAllMetadata(true).limit(PAGE_SIZE).cursor(after)),
                            response -> new Page(response.getMessages(), next(response.getResponseMetadata())));
            if (!(read instanceof SlackResult.Ok<Page> ok)) {
                return notOk(read);
            }
            Optional<String> ts = ok.value().messages().stream().filter(m -> mark.matches(m.getMetadata()))
                    .map(Message::getTs).findFirst();
            if (ts.isPresent()) {
                return new SlackResult.Ok<>(ts);
            }
            cursor = ok.value().next();
            if (cursor == null) {
                return new SlackResult.Ok<>(Optional.empty());
            }
        }
        return new SlackResult.Failed<>("too_many_messages_to_check", false);
    }

    /** One page of messages and the cursor of the next, if any. */
    private record Page(List<Message> messages, String next) {
        Page {
            messages = messages == null ? List.of() : messages;
        }
    }

    private static String next(ResponseMetadata metadata) {
        return metadata == null || metadata.getNextCursor() == null || metadata.getNextCursor().isEmpty()
                ? null : metadata.getNextCursor();
    }

    private static <A, B> SlackResult<B> notOk(SlackResult<A> result) {
        if (result instanceof SlackResult.RateLimited<A> limited) {
            return new SlackResult.RateLimited<>(limited.retryAfter());
        }
        SlackResult.Failed<A> failed = (SlackResult.Failed<A>) result;
        return new SlackResult.Failed<>(failed.error(), failed.retryable());
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

    /** {@code views.update}: replaces the open view {@code viewId} (a form filled in after a look-up). */
    public SlackResult<String> updateView(String viewId, View view) {
        return call(() -> client.viewsUpdate(r -> r.viewId(viewId).view(view)), response -> response.getView().getId());
    }

    /** {@code views.publish}: {@code userId}'s App Home tab shows {@code view}. */
    public SlackResult<String> publishView(String userId, View view) {
        return call(() -> client.viewsPublish(r -> r.userId(userId).view(view)), response -> response.getView().getId());
    }

    /** {@code chat.getPermalink}: a link to the message at {@code channel} and {@code ts}. */
    public SlackResult<String> permalink(String channel, String ts) {
        return call(() -> client.chatGetPermalink(r -> r.channel(channel).messageTs(ts)), response -> response.getPermalink());
    }

    /**
     * Whether {@code userId} is a member of {@code channel} ({@code conversations.members}, page by
     * page, at most {@link #LOOK_BACK_PAGES} pages of {@link #PAGE_SIZE}). Slack answers only for
     * conversations the bot is in: any other is {@code channel_not_found}.
     */
    public SlackResult<Boolean> isMember(String channel, String userId) {
        String cursor = null;
        for (int page = 0; page < LOOK_BACK_PAGES; page++) {
            String after = cursor;
            SlackResult<Members> read = call(() -> client.conversationsMembers(r -> r.channel(channel).limit(PAGE_SIZE)
                    .cursor(after)), response -> new Members(response.getMembers(), next(response.getResponseMetadata())));
            if (!(read instanceof SlackResult.Ok<Members> ok)) {
                return notOk(read);
            }
            if (ok.value().ids().contains(userId)) {
                return new SlackResult.Ok<>(true);
            }
            cursor = ok.value().next();
            if (cursor == null) {
                return new SlackResult.Ok<>(false);
            }
        }
        return new SlackResult.Ok<>(false);
    }

    /** One page of a conversation's members and the cursor of the next, if any. */
    private record Members(List<String> ids, String next) {
        Members {
            ids = ids == null ? List.of() : List.copyOf(ids);
        }
    }

    /**
     * {@code chat.unfurl}: shows {@code previews} (link → blocks) under the message at {@code channel}
     * and {@code ts}, or, for a link still in the composer, under {@code unfurlId} from {@code source}.
     */
    public SlackResult<Boolean> unfurl(String channel, String ts, Optional<String> unfurlId, Optional<String> source,
                                       java.util.Map<String, List<LayoutBlock>> previews) {
        java.util.Map<String, com.slack.api.methods.request.chat.ChatUnfurlRequest.UnfurlDetail> unfurls = new java.util.LinkedHashMap<>();
        previews.forEach((url, blocks) -> unfurls.put(url,
                com.slack.api.methods.request.chat.ChatUnfurlRequest.UnfurlDetail.builder().blocks(blocks).build()));
        boolean composer = unfurlId.isPresent() && source.filter("composer"::equals).isPresent();
        return call(() -> client.chatUnfurl(r -> (composer ? r.unfurlId(unfurlId.get()).source(source.get()) : r.channel(channel).ts(ts))
                .unfurls(unfurls)), response -> true);
    }

    /** {@code functions.completeSuccess}: a workflow step's execution is done, with {@code outputs}. */
    public SlackResult<Boolean> completeStep(String executionId, java.util.Map<String, String> outputs) {
        return call(() -> client.functionsCompleteSuccess(r -> r.functionExecutionId(executionId).outputs(outputs)),
                response -> true);
    }

    /** {@code functions.completeError}: a workflow step's execution failed; Slack shows {@code error} to the workflow's people. */
    public SlackResult<Boolean> failStep(String executionId, String error) {
        return call(() -> client.functionsCompleteError(r -> r.functionExecutionId(executionId).error(error)),
                response -> true);
    }

    /** The user's IANA time zone as Slack knows it ({@code users.info}). */
    public SlackResult<String> userTimeZone(String userId) {
        return call(() -> client.usersInfo(r -> r.user(userId)), response -> response.getUser().getTz());
    }

    /** The members of a user group ({@code usergroups.users.list}, needs the {@code usergroups:read} scope). */
    public SlackResult<List<String>> groupMembers(String groupId) {
        return call(() -> client.usergroupsUsersList(r -> r.usergroup(groupId)),
                response -> response.getUsers() == null ? List.of() : List.copyOf(response.getUsers()));
    }

    /** The user's email address ({@code users.info}, needs the {@code users:read.email} scope). */
    public SlackResult<String> userEmail(String userId) {
        return call(() -> client.usersInfo(r -> r.user(userId)), response -> response.getUser().getProfile() == null
                ? "" : java.util.Objects.toString(response.getUser().getProfile().getEmail(), ""));
    }

    /**
     * The kind of a conversation ({@code conversations.info}; needs {@code channels:read},
     * {@code groups:read}, {@code im:read}, {@code mpim:read}). Only a channel that says it is one and
     * not private reads as public.
     */
    public SlackResult<ConversationKind> conversationKind(String channel) {
        SlackResult<com.slack.api.model.Conversation> info = call(() -> client.conversationsInfo(r -> r.channel(channel)),
                response -> response.getChannel());
        if (!(info instanceof SlackResult.Ok<com.slack.api.model.Conversation> ok)) {
            return info instanceof SlackResult.RateLimited<?> limited
                    ? new SlackResult.RateLimited<>(limited.retryAfter()) : new SlackResult.Failed<>("conversation_unknown", false);
        }
        if (ok.value() == null) {
            return new SlackResult.Failed<>("no_channel_in_answer", false);
        }
        {
            com.slack.api.model.Conversation c = ok.value();
            java.util.Map<String, Object> flags = new java.util.HashMap<>();
            flags.put("is_im", c.isIm());
            flags.put("is_mpim", c.isMpim());
            if (c.isChannel() && !c.isPrivate()) {
                flags.put("is_private", false);
            }
            return new SlackResult.Ok<>(ConversationKind.fromConversationInfo(flags));
        }
    }

    /** Whether the user is an admin or owner of the workspace ({@code users.info}). */
    public SlackResult<Boolean> userIsAdmin(String userId) {
        return call(() -> client.usersInfo(r -> r.user(userId)), response -> WorkspaceAdmins.fromUsersInfo(java.util.Map.of(
                "is_admin", response.getUser().isAdmin(), "is_owner", response.getUser().isOwner(),
                "is_primary_owner", response.getUser().isPrimaryOwner())));
    }

    /**
     * The workspace this client's token belongs to ({@code auth.test}): the team, or the enterprise
     * of an org-wide installation.
     */
    public SlackResult<io.taskbridge.platform.WorkspaceId> identity() {
        return call(() -> client.authTest(r -> r), response -> io.taskbridge.platform.WorkspaceId.of(
                java.util.Optional.ofNullable(response.getTeamId()), java.util.Optional.ofNullable(response.getEnterpriseId()),
                response.isEnterpriseInstall()).orElseThrow(
                        () -> new IllegalStateException("auth.test named no team")));
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
