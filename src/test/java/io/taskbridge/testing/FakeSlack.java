package io.taskbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A Slack Web API on loopback that records every call and answers like Slack: form-encoded
 * methods under {@code /api/}, JSON posts to {@code /response/{id}} (response_url). Tests can
 * queue failures per method: a 429 with Retry-After, a 5xx, an {@code ok:false} error, or a hang.
 * {@code apps.connections.open} hands out Socket Mode URLs once {@link #socketModeUrls} says where
 * (a {@link FakeSocketMode}); until then it refuses, as Slack does for a token without Socket Mode.
 *
 * <p>Strict where Slack is ({@link SlackRules}): a wrong or missing token, an unknown method, a
 * user or channel it does not know, a chat.update/chat.delete of a message it never issued, and
 * blocks Block Kit refuses all get Slack's {@code ok:false} error. Such a refusal is a bug in the
 * caller unless the test said it expects it ({@link #expectRefusal}): {@link #close()} fails the
 * test with every unexpected refusal, so a test cannot pass over a call Slack would have refused.
 */
public final class FakeSlack implements AutoCloseable {
    /** One call as received. {@code form} for Web API methods, {@code json} for response_url posts. */
    public record Call(String method, Map<String, String> form, JsonNode json, String authorization) {
        public String param(String name) {
            return form.get(name);
        }
    }

    /** A canned failure for the next call of a method. */
    public sealed interface Failure {
        record RateLimited(int retryAfterSeconds) implements Failure {}

        record ServerError(int status) implements Failure {}

        record SlackError(String error) implements Failure {}

        record Hang(Duration duration) implements Failure {}

        /**
         * The call is carried out (a post is accepted and kept), but its answer is lost: the client
         * sees {@code status} instead, as after a timeout or a dropped connection.
         */
        record AcceptedButLost(int status) implements Failure {}

        /**
         * A post is accepted and kept, and its answer waits until the test opens {@code release}
         * (at most 30 s): a delivery under way for as long as the test needs.
         */
        record AcceptedThenHeld(java.util.concurrent.CountDownLatch release) implements Failure {}
    }

    /**
     * A message as Slack keeps it: where, its ts, its thread (if a reply), its text, its blocks (an
     * empty array if none), its metadata (if any). chat.update replaces text and blocks; chat.delete
     * removes it.
     */
    public record Message(String channel, String ts, String threadTs, boolean broadcast, String text, JsonNode blocks,
                          JsonNode metadata) {
        /** What a person sees: the blocks' text (sections, fields, context, buttons), or the text when there are no blocks. */
        public String seen() {
            return blocks.isEmpty() ? text : SlackRules.visibleText(blocks);
        }

        /** The action ids of the buttons and other elements the message shows. */
        public List<String> actionIds() {
            return SlackRules.actionIds(blocks);
        }
    }

    /** A call Slack refused: the call and the error it answered. */
    public record Refusal(Call call, String error) {}

    /** The bot token every test service uses unless it says otherwise. */
    public static final String BOT_TOKEN = "xoxb-test-token";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One channel's pace: tokens left, and when they were counted (System.nanoTime). */
    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    private final Javalin server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Failure>> failures = new ConcurrentHashMap<>();
    private final Map<String, String> timeZones = new ConcurrentHashMap<>();
    private final Map<String, String> emails = new ConcurrentHashMap<>();
    private final Set<String> workspaceAdmins = ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> userGroups = new ConcurrentHashMap<>();
    private final Map<String, String> conversationKinds = new ConcurrentHashMap<>();
    private final AtomicLong ts = new AtomicLong(1_700_000_000_000_100L);
    private volatile Supplier<String> socketModeUrls = () -> null;
    private final List<Call> posted = new CopyOnWriteArrayList<>();
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong paceRefusals = new AtomicLong();
    private volatile int burst = 3;
    private final Clock clock;
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final Set<String> notMember = ConcurrentHashMap.newKeySet();
    private volatile Duration postDelay = Duration.ZERO;
    private volatile String botToken = BOT_TOKEN;
    private volatile String appToken = null;
    private final Set<String> unknownUsers = ConcurrentHashMap.newKeySet();
    private final Set<String> missingChannels = ConcurrentHashMap.newKeySet();
    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    private final Set<String> expectedRefusals = ConcurrentHashMap.newKeySet();
    /**
     * The workspace of each bot token issued by oauth.v2.access (until it is refreshed away); the
     * {@link #botToken} is T1's. Any other token answers invalid_auth.
     */
    private final Map<String, String> teamByToken = new ConcurrentHashMap<>();
    /** Install codes Slack would hand the browser after "Allow", each usable once. */
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final AtomicLong refreshes = new AtomicLong();
    private volatile String clientId;
    private volatile String clientSecret;
    private final FakeSlackSurfaces surfaces = new FakeSlackSurfaces();
    private final FakeSlackViews views = new FakeSlackViews();

    /**
     * What an "Allow" in Slack grants: a bot token for {@code team} (or, org-wide, {@code enterprise}),
     * with a refresh token and a lifetime when the app has token rotation on.
     */
    public record Grant(String team, String enterprise, boolean orgWide, String botToken, String refreshToken,
                        Integer expiresInSeconds) {
        public static Grant of(String team, String botToken) {
            return new Grant(team, null, false, botToken, null, null);
        }

        public static Grant rotating(String team, String botToken, String refreshToken, int expiresInSeconds) {
            return new Grant(team, null, false, botToken, refreshToken, expiresInSeconds);
        }
    }

    public FakeSlack() {
        this(Clock.systemUTC());
    }

    /**
     * A fake whose message ts follow {@code clock} (strictly increasing), as Slack's follow real
     * time: a service on the same clock finds its messages with {@code oldest}.
     */
    public FakeSlack(Clock clock) {
        this.clock = clock;
        server = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/api/{method}", this::method);
            cfg.routes.post("/response/{id}", ctx -> {
                calls.add(new Call("response_url", Map.of("id", ctx.pathParam("id")), JSON.readTree(ctx.body()), null));
                ctx.json(Map.of("ok", true));
            });
        }).start("127.0.0.1", 0);
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.port() + "/api/";
    }

    public String responseUrl(String id) {
        return "http://127.0.0.1:" + server.port() + "/response/" + id;
    }

    public void timeZone(String userId, String zone) {
        timeZones.put(userId, zone);
    }

    /** The email address on {@code userId}'s Slack profile (users.info, with users:read.email). */
    public void email(String userId, String address) {
        emails.put(userId, address);
    }

    /** A user group and its members, as {@code usergroups.users.list} answers (an unknown group: no_such_subteam). */
    public void userGroup(String groupId, String... members) {
        userGroups.put(groupId, List.of(members));
    }

    /** {@code users.info} says this person is an admin of the workspace ({@code is_admin}). */
    public void workspaceAdmin(String userId) {
        workspaceAdmins.add(userId);
    }

    /**
     * {@code conversations.info} describes {@code channel} as this kind: {@code public}, {@code private},
     * {@code im} or {@code mpim}. Unset, a C… id is a public channel, G… private, D… a DM.
     */
    public void conversation(String channel, String kind) {
        conversationKinds.put(channel, kind);
    }

    /** Where {@code apps.connections.open} sends Socket Mode clients; asked once per call. */
    public void socketModeUrls(Supplier<String> urls) {
        socketModeUrls = urls;
    }

    /** The bot token (xoxb-) this workspace accepts; {@link #BOT_TOKEN} unless set. */
    public void botToken(String token) {
        botToken = token;
    }

    /** The app-level token (xapp-) apps.connections.open accepts; none unless set. */
    public void appToken(String token) {
        appToken = token;
    }

    /** {@code user} is not in the workspace: users.info and conversations.open answer user_not_found. */
    public void unknownUser(String user) {
        unknownUsers.add(user);
    }

    /** {@code channel} does not exist (or is hidden from the bot): calls on it answer channel_not_found. */
    public void missingChannel(String channel) {
        missingChannels.add(channel);
    }

    /** The test means to meet this Slack error: {@link #close()} does not count it against the caller. */
    public void expectRefusal(String error) {
        expectedRefusals.add(error);
    }

    /** Every call refused for breaking Slack's rules (not the failures queued with {@link #failNext}). */
    public List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    /** The message at {@code channel} and {@code ts} as it is now (after updates), if Slack still has it. */
    public Optional<Message> message(String channel, String ts) {
        return messages.stream().filter(m -> m.channel().equals(channel) && m.ts().equals(ts)).findFirst();
    }

    /** Top-level messages in {@code channel} as they are now, oldest first. */
    public List<Message> channelMessages(String channel) {
        return messages.stream().filter(m -> m.channel().equals(channel) && m.threadTs() == null).toList();
    }

    /** Replies in the thread {@code threadTs} of {@code channel} as they are now, oldest first. */
    public List<Message> replies(String channel, String threadTs) {
        return messages.stream().filter(m -> m.channel().equals(channel) && threadTs.equals(m.threadTs())).toList();
    }

    /**
     * Slack started a workflow step's function execution {@code executionId} whose token (the event's
     * {@code bot_access_token}) is {@code token}: functions.completeSuccess and completeError accept it
     * once, with every one of {@code requiredOutputs}.
     */
    public void functionExecution(String executionId, String token, Set<String> requiredOutputs) {
        surfaces.functionExecution(executionId, token, requiredOutputs);
    }

    /** Whether function execution {@code executionId} was completed (with success or an error). */
    public boolean functionCompleted(String executionId) {
        return surfaces.completed(executionId);
    }

    /** {@code conversations.members} of {@code channel} lists these people (and the bot). */
    public void members(String channel, String... users) {
        List<String> all = new ArrayList<>(List.of(users));
        all.add("UBOT");
        views.members(channel, all);
    }

    /** A person's message in {@code channel}, as Slack keeps it (for shortcuts on it and replies under it); gives its ts. */
    public String userMessage(String channel, String text) {
        synchronized (messages) {
            String at = nextTs();
            messages.add(new Message(channel, at, null, false, text, JSON.createArrayNode(), null));
            return at;
        }
    }

    /** The views published to {@code user}'s App Home (views.publish), oldest first. */
    public List<Call> homes(String user) {
        return calls("views.publish").stream().filter(c -> user.equals(c.param("user_id"))).toList();
    }

    /** The OAuth client oauth.v2.access accepts. */
    public void oauthClient(String id, String secret) {
        clientId = id;
        clientSecret = secret;
    }

    /** {@code code} may be exchanged once with oauth.v2.access for {@code grant}. */
    public void installCode(String code, Grant grant) {
        codes.put(code, grant);
    }

    /** How many times a refresh token was exchanged for a new bot token. */
    public long refreshes() {
        return refreshes.get();
    }

    /** The workspace {@code token} belongs to, if the fake knows it. */
    public Optional<String> teamOf(String token) {
        return token.equals(botToken) ? Optional.of("T1") : Optional.ofNullable(teamByToken.get(token));
    }

    public void failNext(String method, Failure failure) {
        failures.computeIfAbsent(method, k -> new ConcurrentLinkedDeque<>()).add(failure);
    }

    /**
     * Like Slack, chat.postMessage takes about one message per second per channel with short
     * bursts: a token bucket of {@code burst} (3 unless set) refilled once a second. A post over
     * the pace gets 429 with Retry-After: 1. {@code 0} turns the limit off.
     */
    public void postsPerChannelBurst(int burst) {
        this.burst = burst;
    }

    /**
     * Every accepted chat.postMessage takes this long to answer, after it has been kept: a client
     * that dies meanwhile has posted without knowing it.
     */
    public void postDelay(Duration delay) {
        postDelay = delay;
    }

    /** The bot is not a member of {@code channel}: reading it says not_in_channel until conversations.join. */
    public void notMember(String channel) {
        notMember.add(channel);
    }

    /** Messages kept, in the order they were posted. */
    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The outbox row a post was made for, from its metadata ({@code event_payload.row}), if any. */
    public static Optional<String> outboxRow(Call post) {
        String metadata = post.param("metadata");
        if (metadata == null) {
            return Optional.empty();
        }
        try {
            JsonNode row = JSON.readTree(metadata).path("event_payload").path("row");
            return row.isMissingNode() ? Optional.empty() : Optional.of(row.asText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** chat.postMessage calls that Slack accepted (ok:true), in order. */
    public List<Call> posted() {
        return List.copyOf(posted);
    }

    /** How many posts were refused with 429 for going over a channel's pace. */
    public long paceRefusals() {
        return paceRefusals.get();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Waits up to ten seconds for a call matching {@code test}; fails the test if none comes. */
    public Call await(String method, Predicate<Call> test) {
        return awaitFirst(() -> calls(method), test, () -> "no " + method + " call matched within 10s; calls were: " + calls);
    }

    /** The first of {@code items} matching {@code test}, looked for every 20 ms for up to ten seconds. */
    private static <T> T awaitFirst(Supplier<List<T>> items, Predicate<T> test, Supplier<String> failure) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (T item : items.get()) {
                if (test.test(item)) {
                    return item;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError(failure.get());
    }

    /** Waits up to ten seconds for a kept message (as it is now) matching {@code test}; fails the test if none comes. */
    public Message awaitMessage(Predicate<Message> test) {
        return awaitFirst(this::messages, test, () -> "no message matched within 10s; messages were: " + messages);
    }

    /** Waits for the message in the DM with {@code user} that shows a button {@code actionId}: the one a click there comes from. */
    public Message awaitButtonFor(String user, String actionId) {
        return awaitMessage(m -> m.channel().equals("D" + user) && m.actionIds().contains(actionId));
    }

    public Call await(String method) {
        return await(method, c -> true);
    }

    private void method(Context ctx) throws Exception {
        String method = ctx.pathParam("method");
        Map<String, String> form = new java.util.LinkedHashMap<>();
        ctx.formParamMap().forEach((k, v) -> form.put(k, v.isEmpty() ? "" : v.get(0)));
        Call call = new Call(method, form, null, ctx.header("Authorization"));
        // An edit is recorded once it is applied, so a test that awaits it sees the message changed;
        // every other call as it arrives (a test may await a call the fake then holds).
        boolean edit = method.equals("chat.update") || method.equals("chat.delete");
        if (!edit) {
            calls.add(call);
        }
        try {
            if (method.equals("oauth.v2.access")) {
                ctx.json(oauthAccess(form, ctx.header("Authorization")));
                return;
            }
            String token = bearer(ctx.header("Authorization"));
            Optional<String> refused = SlackRules.KNOWN_METHODS.contains(method) || FakeSlackSurfaces.METHODS.contains(method)
                    || FakeSlackViews.METHODS.contains(method)
                    ? tokenError(method, ctx.header("Authorization"))
                    : Optional.of("unknown_method");
            if (refused.isPresent()) {
                refuse(ctx, call, refused.get(), List.of());
                return;
            }
            Deque<Failure> queued = failures.get(method);
            Failure failure = queued == null ? null : queued.poll();
            if (failure instanceof Failure.RateLimited r) {
                ctx.status(429).header("Retry-After", String.valueOf(r.retryAfterSeconds())).json(Map.of("ok", false, "error", "ratelimited"));
                return;
            } else if (failure instanceof Failure.ServerError s) {
                ctx.status(s.status()).result("upstream trouble");
                return;
            } else if (failure instanceof Failure.SlackError e) {
                ctx.json(Map.of("ok", false, "error", e.error()));
                return;
            } else if (failure instanceof Failure.Hang h) {
                Thread.sleep(h.duration().toMillis());
            }
            List<String> problems = new ArrayList<>();
            Optional<String> invalid = FakeSlackSurfaces.METHODS.contains(method)
                    ? surfaces.check(method, form, String.valueOf(token), problems, this::knownConversation)
                    : FakeSlackViews.METHODS.contains(method)
                    ? views.check(method, form, this::knownConversation, (c, t) -> message(c, t).isPresent())
                    : check(method, form, problems);
            if (invalid.isPresent()) {
                refuse(ctx, call, invalid.get(), problems);
                return;
            }
            if (method.equals("chat.postMessage")) {
                if (!takeToken(form.getOrDefault("channel", ""))) {
                    paceRefusals.incrementAndGet();
                    ctx.status(429).header("Retry-After", "1").json(Map.of("ok", false, "error", "ratelimited"));
                    return;
                }
                Map<String, Object> answer = keep(form);
                posted.add(new Call(method, form, null, ctx.header("Authorization")));
                Duration delay = postDelay;
                if (!delay.isZero()) {
                    Thread.sleep(delay.toMillis());
                }
                if (failure instanceof Failure.AcceptedThenHeld held) {
                    held.release().await(30, java.util.concurrent.TimeUnit.SECONDS);
                }
                if (failure instanceof Failure.AcceptedButLost lost) {
                    ctx.status(lost.status()).result("the answer was lost");
                    return;
                }
                ctx.json(answer);
                return;
            }
            if (failure instanceof Failure.AcceptedButLost lost) {
                answer(method, form);
                ctx.status(lost.status()).result("the answer was lost");
                return;
            }
            Map<String, String> withToken = new java.util.HashMap<>(form);
            withToken.put("__token", String.valueOf(token));
            ctx.json(answer(method, withToken));
        } finally {
            if (edit) {
                calls.add(call);
            }
        }
    }

    private Optional<String> tokenError(String method, String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() == "Bearer ".length()) {
            return Optional.of("not_authed");
        }
        String token = authorization.substring("Bearer ".length());
        if (method.equals("apps.connections.open")) {
            return token.equals(appToken) ? Optional.empty()
                    : Optional.of(token.equals(botToken) ? "not_allowed_token_type" : "invalid_auth");
        }
        boolean functionToken = method.startsWith("functions.") && surfaces.knowsToken(token);
        return token.equals(botToken) || teamByToken.containsKey(token) || functionToken
                ? Optional.empty() : Optional.of("invalid_auth");
    }

    private void refuse(Context ctx, Call call, String error, List<String> problems) {
        refusals.add(new Refusal(call, error));
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("ok", false);
        answer.put("error", error);
        if (!problems.isEmpty()) {
            answer.put("errors", problems);
        }
        ctx.json(answer);
    }

    /** The error Slack would answer for this call's arguments, if any. */
    private Optional<String> check(String method, Map<String, String> form, List<String> problems) {
        String channel = form.getOrDefault("channel", "");
        switch (method) {
            case "chat.postMessage", "chat.postEphemeral" -> {
                if (!knownConversation(channel)) {
                    return Optional.of("channel_not_found");
                }
                if (method.equals("chat.postEphemeral") && !knownUser(form.getOrDefault("user", ""))) {
                    return Optional.of("user_not_found");
                }
                String thread = form.get("thread_ts");
                if (thread != null && !thread.isEmpty() && message(channel, thread).isEmpty()) {
                    return Optional.of("thread_not_found");
                }
                return blocksError(form, problems);
            }
            case "chat.update" -> {
                if (!knownConversation(channel)) {
                    return Optional.of("channel_not_found");
                }
                if (message(channel, form.getOrDefault("ts", "")).isEmpty()) {
                    return Optional.of("message_not_found");
                }
                return blocksError(form, problems);
            }
            case "chat.delete" -> {
                if (!knownConversation(channel)) {
                    return Optional.of("channel_not_found");
                }
                return message(channel, form.getOrDefault("ts", "")).isEmpty() ? Optional.of("message_not_found") : Optional.empty();
            }
            case "conversations.history", "conversations.replies", "conversations.join" -> {
                if (!knownConversation(channel)) {
                    return Optional.of("channel_not_found");
                }
                if (method.equals("conversations.replies") && message(channel, form.getOrDefault("ts", "")).isEmpty()) {
                    return Optional.of("thread_not_found");
                }
                return Optional.empty();
            }
            case "users.info" -> {
                return knownUser(form.getOrDefault("user", "")) ? Optional.empty() : Optional.of("user_not_found");
            }
            case "conversations.open" -> {
                String users = form.getOrDefault("users", "");
                if (users.isEmpty()) {
                    return Optional.of("users_list_not_supplied");
                }
                for (String user : users.split(",")) {
                    if (!knownUser(user)) {
                        return Optional.of("user_not_found");
                    }
                }
                return Optional.empty();
            }
            case "views.open", "views.update", "views.push", "views.publish" -> {
                if (method.equals("views.publish") && !knownUser(form.getOrDefault("user_id", ""))) {
                    return Optional.of("user_not_found");
                }
                if (method.equals("views.open") && form.getOrDefault("trigger_id", "").isEmpty()) {
                    return Optional.of("invalid_trigger_id");
                }
                if (method.equals("views.update") && form.getOrDefault("view_id", "").isEmpty()
                        && form.getOrDefault("external_id", "").isEmpty()) {
                    return Optional.of("invalid_arguments");
                }
                try {
                    problems.addAll(SlackRules.viewProblems(JSON.readTree(form.getOrDefault("view", ""))));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    problems.add("view is not JSON");
                }
                return problems.isEmpty() ? Optional.empty() : Optional.of("invalid_arguments");
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private Optional<String> blocksError(Map<String, String> form, List<String> problems) {
        String blocks = form.get("blocks");
        String text = form.getOrDefault("text", "");
        if ((blocks == null || blocks.isEmpty()) && text.isEmpty()) {
            return Optional.of("no_text");
        }
        if (text.length() > SlackRules.MAX_MESSAGE_TEXT) {
            return Optional.of("msg_too_long");
        }
        if (blocks == null || blocks.isEmpty()) {
            return Optional.empty();
        }
        try {
            problems.addAll(SlackRules.messageProblems(JSON.readTree(blocks)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add("blocks are not JSON");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of("invalid_blocks");
    }

    /** A Slack user id (U… or W…) the test has not declared unknown. */
    private boolean knownUser(String user) {
        return user.matches("[UW][A-Z0-9_]+") && !unknownUsers.contains(user);
    }

    /** A channel id (C…, G…, a DM D…) or a user id (Slack posts to their DM) the test has not declared missing. */
    private boolean knownConversation(String channel) {
        return (channel.matches("[CGD][A-Z0-9_]+") || knownUser(channel)) && !missingChannels.contains(channel);
    }

    private static JsonNode blocksOf(Map<String, String> form) throws Exception {
        String blocks = form.get("blocks");
        return blocks == null || blocks.isEmpty() ? JSON.createArrayNode() : JSON.readTree(blocks);
    }

    /** chat.update: the message keeps its place, thread and metadata; its text and blocks are replaced. */
    private Map<String, Object> update(Map<String, String> form) throws Exception {
        String channel = form.getOrDefault("channel", "");
        String at = form.getOrDefault("ts", "");
        JsonNode blocks = blocksOf(form);
        synchronized (messages) {
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                if (m.channel().equals(channel) && m.ts().equals(at)) {
                    messages.set(i, new Message(m.channel(), m.ts(), m.threadTs(), m.broadcast(),
                            form.getOrDefault("text", ""), blocks, m.metadata()));
                }
            }
        }
        return Map.of("ok", true, "channel", channel, "ts", at, "text", form.getOrDefault("text", ""));
    }

    private Map<String, Object> delete(Map<String, String> form) {
        String channel = form.getOrDefault("channel", "");
        String at = form.getOrDefault("ts", "");
        synchronized (messages) {
            messages.removeIf(m -> m.channel().equals(channel) && m.ts().equals(at));
        }
        return Map.of("ok", true, "channel", channel, "ts", at);
    }

    /** Keeps a posted message, as Slack does before it answers; gives the answer. */
    private Map<String, Object> keep(Map<String, String> form) throws Exception {
        String channel = form.getOrDefault("channel", "");
        String metadata = form.get("metadata");
        String threadTs = form.get("thread_ts");
        String ts;
        synchronized (messages) {
            ts = nextTs();
            messages.add(new Message(channel, ts, threadTs == null || threadTs.isEmpty() ? null : threadTs,
                    ("true".equals(form.get("reply_broadcast")) || "1".equals(form.get("reply_broadcast"))), form.getOrDefault("text", ""), blocksOf(form),
                    metadata == null ? null : JSON.readTree(metadata)));
        }
        return Map.of("ok", true, "channel", channel, "ts", ts);
    }

    /**
     * conversations.history (top-level messages and broadcast replies, newest first) or
     * conversations.replies (the parent, then its replies, oldest first): newer than {@code oldest},
     * {@code limit} (default 100) at a time with a cursor, metadata only with include_all_metadata.
     */
    private Map<String, Object> read(String method, Map<String, String> form) {
        String channel = form.getOrDefault("channel", "");
        if (notMember.contains(channel)) {
            return Map.of("ok", false, "error", "not_in_channel");
        }
        double oldest = Double.parseDouble(form.getOrDefault("oldest", "0"));
        boolean withMetadata = "true".equals(form.get("include_all_metadata")) || "1".equals(form.get("include_all_metadata"));
        int limit = Integer.parseInt(form.getOrDefault("limit", "100"));
        int from = Integer.parseInt(form.getOrDefault("cursor", "0").isEmpty() ? "0" : form.getOrDefault("cursor", "0"));
        List<Message> found = new ArrayList<>();
        String thread = form.get("ts");
        for (Message m : messages) {
            if (!m.channel().equals(channel) || Double.parseDouble(m.ts()) <= oldest && !m.ts().equals(thread)) {
                continue;
            }
            boolean keep = method.equals("conversations.history")
                    ? m.threadTs() == null || m.broadcast()
                    : m.ts().equals(thread) || thread != null && thread.equals(m.threadTs());
            if (keep) {
                found.add(m);
            }
        }
        if (method.equals("conversations.history")) {
            java.util.Collections.reverse(found);
        }
        List<Map<String, Object>> page = new ArrayList<>();
        for (Message m : found.subList(Math.min(from, found.size()), Math.min(from + limit, found.size()))) {
            Map<String, Object> shown = new java.util.LinkedHashMap<>();
            shown.put("type", "message");
            shown.put("ts", m.ts());
            shown.put("text", m.text());
            shown.put("bot_id", "BBOT");
            if (m.threadTs() != null) {
                shown.put("thread_ts", m.threadTs());
            }
            if (withMetadata && m.metadata() != null) {
                shown.put("metadata", m.metadata());
            }
            page.add(shown);
        }
        boolean more = from + limit < found.size();
        return Map.of("ok", true, "messages", page, "has_more", more,
                "response_metadata", Map.of("next_cursor", more ? String.valueOf(from + limit) : ""));
    }

    private boolean takeToken(String channel) {
        int b = burst;
        if (b <= 0) {
            return true;
        }
        long now = System.nanoTime();
        Bucket bucket = buckets.computeIfAbsent(channel, k -> new Bucket(b, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(b, bucket.tokens + (now - bucket.at) / 1e9);
            bucket.at = now;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    private Object answer(String method, Map<String, String> form) throws Exception {
        return switch (method) {
            case "auth.test" -> Map.of("ok", true, "user_id", "UBOT", "bot_id", "BBOT", "team", "Test",
                    "team_id", teamOf(String.valueOf(form.get("__token"))).orElse("T1"));
            case "conversations.history", "conversations.replies" -> read(method, form);
            case "conversations.join" -> {
                notMember.remove(form.getOrDefault("channel", ""));
                yield Map.of("ok", true, "channel", Map.of("id", form.getOrDefault("channel", "")));
            }
            case "chat.update" -> update(form);
            case "chat.delete" -> delete(form);
            case "chat.postEphemeral" -> Map.of("ok", true, "message_ts", nextTs());
            case "views.open", "views.update", "views.push", "views.publish" -> Map.of("ok", true, "view", Map.of("id", "V" + ts.incrementAndGet()));
            case "users.info" -> Map.of("ok", true, "user", Map.of("id", form.getOrDefault("user", ""),
                    "tz", timeZones.getOrDefault(form.getOrDefault("user", ""), "UTC"),
                    "is_admin", workspaceAdmins.contains(form.getOrDefault("user", "")), "is_owner", false,
                    "profile", Map.of("email", emails.getOrDefault(form.getOrDefault("user", ""), ""))));
            case "conversations.info" -> conversationInfo(form.getOrDefault("channel", ""));
            case "usergroups.users.list" -> userGroups.containsKey(form.getOrDefault("usergroup", ""))
                    ? Map.of("ok", true, "users", userGroups.get(form.getOrDefault("usergroup", "")))
                    : Map.of("ok", false, "error", "no_such_subteam");
            case "conversations.open" -> Map.of("ok", true, "channel", Map.of("id", "D" + form.getOrDefault("users", "")));
            case "apps.connections.open" -> socketModeUrl();
            case "chat.unfurl", "functions.completeSuccess", "functions.completeError" -> Map.of("ok", true);
            case "chat.getPermalink", "conversations.members" -> views.answer(method, form);
            default -> throw new IllegalStateException("a known method without an answer: " + method);
        };
    }

    private Map<String, Object> conversationInfo(String channel) {
        String kind = conversationKinds.getOrDefault(channel, channel.startsWith("D") ? "im"
                : channel.startsWith("G") ? "private" : channel.startsWith("C") ? "public" : "");
        if (kind.isEmpty() || !knownConversation(channel)) {
            return Map.of("ok", false, "error", "channel_not_found");
        }
        return Map.of("ok", true, "channel", Map.of("id", channel,
                "is_channel", kind.equals("public") || kind.equals("private"),
                "is_private", !kind.equals("public"), "is_im", kind.equals("im"), "is_mpim", kind.equals("mpim")));
    }

    private static String bearer(String header) {
        return header != null && header.startsWith("Bearer ") ? header.substring("Bearer ".length()) : null;
    }

    /** oauth.v2.access: a code (once) or a refresh token (rotation) for a bot token; the client must match. */
    private Map<String, Object> oauthAccess(Map<String, String> form, String authorization) {
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        if (authorization != null && authorization.startsWith("Basic ")) {
            String[] pair = new String(java.util.Base64.getDecoder().decode(authorization.substring(6)),
                    java.nio.charset.StandardCharsets.UTF_8).split(":", 2);
            id = pair[0];
            secret = pair.length > 1 ? pair[1] : "";
        }
        if (clientId == null || !clientId.equals(id) || !clientSecret.equals(secret)) {
            return Map.of("ok", false, "error", "invalid_client_id");
        }
        Grant grant;
        if ("refresh_token".equals(form.get("grant_type"))) {
            Grant old = refreshTokens.remove(String.valueOf(form.get("refresh_token")));
            if (old == null) {
                return Map.of("ok", false, "error", "invalid_refresh_token");
            }
            long n = refreshes.incrementAndGet();
            teamByToken.remove(old.botToken());
            grant = new Grant(old.team(), old.enterprise(), old.orgWide(), old.botToken() + "-r" + n,
                    old.refreshToken() + "-r" + n, 43_200); // a refreshed token lasts 12 hours, as Slack's
        } else {
            grant = codes.remove(String.valueOf(form.get("code")));
            if (grant == null) {
                return Map.of("ok", false, "error", "invalid_code");
            }
        }
        teamByToken.put(grant.botToken(), grant.orgWide() ? grant.enterprise() : grant.team());
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("access_token", grant.botToken());
        answer.put("token_type", "bot");
        answer.put("scope", "commands,chat:write");
        answer.put("bot_user_id", "UBOT");
        answer.put("app_id", "A1");
        answer.put("team", grant.orgWide() ? null : Map.of("id", grant.team(), "name", "Team " + grant.team()));
        answer.put("enterprise", grant.enterprise() == null ? null : Map.of("id", grant.enterprise(), "name", "Org"));
        answer.put("is_enterprise_install", grant.orgWide());
        answer.put("authed_user", Map.of("id", "UINSTALLER"));
        if (grant.refreshToken() != null) {
            refreshTokens.put(grant.refreshToken(), grant);
            answer.put("refresh_token", grant.refreshToken());
            answer.put("expires_in", grant.expiresInSeconds());
        }
        return answer;
    }

    private Map<String, Object> socketModeUrl() {
        String url = socketModeUrls.get();
        return url == null ? Map.of("ok", false, "error", "not_allowed_token_type") : Map.of("ok", true, "url", url);
    }

    private String nextTs() {
        long now = clock.millis() * 1_000;
        long v = ts.updateAndGet(last -> Math.max(last + 1, now));
        return (v / 1_000_000) + "." + String.format("%06d", v % 1_000_000);
    }

    public static List<String> methods(List<Call> calls) {
        List<String> out = new ArrayList<>();
        calls.forEach(c -> out.add(c.method()));
        return out;
    }

    /**
     * Stops the fake; fails the test if Slack refused a call the test did not expect to be refused
     * (a misspelled method, a wrong token, blocks Block Kit rejects, an unknown user or channel).
     */
    @Override
    public void close() {
        server.stop();
        List<Refusal> unexpected = refusals.stream().filter(r -> !expectedRefusals.contains(r.error())).toList();
        if (!unexpected.isEmpty()) {
            throw new AssertionError("Slack refused calls the test did not expect: " + unexpected);
        }
    }
}
