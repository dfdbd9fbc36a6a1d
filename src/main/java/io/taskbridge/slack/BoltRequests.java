package io.taskbridge.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.util.SlackRequestParser;
import java.util.ArrayList;

/**
 * Turns a signed Slack body into Bolt's request. Bolt's own parser does it, except for slash
 * commands, whose form {@link SlackForm} reads in one pass instead of Bolt's three, and
 * {@code block_actions}: Bolt 1.51's {@link BlockActionRequest} reads every click with a new Gson,
 * which builds its reflective adapters for the whole payload tree on that first read, about a third
 * of a click's request-thread time. Here a click's payload is read with the parser's one Gson (same
 * settings, thread-safe, its adapters built once); Bolt's constructor, handed no payload, still
 * makes its Gson but reads nothing with it, and the request's context is filled as Bolt fills it;
 * {@code BoltRequestsTest} holds the two equal for every payload shape Bolt distinguishes.
 */
final class BoltRequests {
    private final AppConfig config;
    private final SlackRequestParser parser;

    BoltRequests(AppConfig config) {
        this.config = config;
        this.parser = new SlackRequestParser(config);
    }

    Request<?> parse(SlackRequestParser.HttpRequest http, SlackShapes.Verdict verdict) {
        if (verdict instanceof SlackShapes.Verdict.BlockActions actions) {
            BlockActionPayload payload = parser.getGson().fromJson(actions.payload(), BlockActionPayload.class);
            return finish(http, new Click(http.getRequestBody(), payload, http.getHeaders()));
        }
        if (verdict instanceof SlackShapes.Verdict.Command command) {
            return finish(http, new SlashCommandRequest(http.getRequestBody(), command.payload(), http.getHeaders()));
        }
        return parser.parse(http);
    }

    /** What Bolt's parser does to every request it makes: context from the config, query, client address. */
    private Request<?> finish(SlackRequestParser.HttpRequest http, Request<?> request) {
        request.updateContext(config);
        if (http.getQueryString() != null) {
            http.getQueryString().forEach((name, values) ->
                    request.getQueryString().computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        }
        String forwarded = http.getHeaders().getFirstValue("X-FORWARDED-FOR");
        request.setClientIpAddress(forwarded == null ? http.getRemoteAddress() : forwarded);
        return request;
    }

    /** A click whose payload was read already: Bolt's request without its own read. */
    private static final class Click extends BlockActionRequest {
        private final BlockActionPayload payload;

        Click(String body, BlockActionPayload payload, RequestHeaders headers) {
            super(body, null, headers); // no payload: Bolt reads nothing and fills no context
            if (payload == null || payload.getUser() == null) {
                throw new IllegalArgumentException("a block_actions payload without a user");
            }
            this.payload = payload;
            fill(getContext(), payload);
        }

        @Override
        public BlockActionPayload getPayload() {
            return payload;
        }

        private static void fill(ActionContext context, BlockActionPayload payload) {
            context.setFunctionBotAccessToken(payload.getBotAccessToken());
            context.setResponseUrl(payload.getResponseUrl());
            context.setTriggerId(payload.getTriggerId());
            if (payload.getTriggerId() == null && payload.getInteractivity() != null
                    && payload.getInteractivity().getInteractivityPointer() != null) {
                context.setTriggerId(payload.getInteractivity().getInteractivityPointer());
            }
            if (payload.getEnterprise() != null) {
                context.setEnterpriseId(payload.getEnterprise().getId());
            } else if (payload.getTeam() != null) {
                context.setEnterpriseId(payload.getTeam().getEnterpriseId());
            }
            if (payload.getTeam() != null && payload.getTeam().getId() != null) {
                context.setTeamId(payload.getTeam().getId());
            } else if (payload.getUser().getTeamId() != null) {
                context.setTeamId(payload.getUser().getTeamId());
            }
            context.setRequestUserId(payload.getUser().getId());
            if (payload.getFunctionData() != null) {
                context.setFunctionExecutionId(payload.getFunctionData().getExecutionId());
            }
        }
    }
}
