package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.util.SlackRequestParser;
import io.taskbridge.testing.SlackPayloads;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A click read by {@link BoltRequests} is the request Bolt's own parser makes of it: same payload,
 * same context (team, enterprise, user, trigger, response URL, function execution, bot token),
 * same client address and query, for every branch Bolt's {@code BlockActionRequest} takes. Only
 * the Gson it is read with differs: one per endpoint, not one per click. A slash command read by
 * {@link SlackForm} is, likewise, the request Bolt makes of its form.
 */
class BoltRequestsTest {
    private final AppConfig config = AppConfig.builder().signingSecret("s").singleTeamBotToken("xoxb-test").build();
    private final BoltRequests requests = new BoltRequests(config);
    private final SlackRequestParser bolt = new SlackRequestParser(config);

    static Stream<String> clicks() {
        String channelClick = SlackPayloads.buttonClick("T9", "U1", "approval_approve", "approval", "7", "C1",
                "1700000000.000100", "https://hooks.slack.test/r/1");
        return Stream.of(
                channelClick,
                SlackPayloads.orgWideButtonClick("E1", "T2", "U2", "approval_reject", "approval", "8", "C2",
                        "1700000000.000200", "https://hooks.slack.test/r/2"),
                SlackPayloads.homeClick("U3", "home_done", "home", "9"),
                // a team without an id falls back to the user's team; no trigger_id, the interactivity pointer is the trigger
                """
                {"type":"block_actions","user":{"id":"U4","team_id":"T4"},"team":{"domain":"x","enterprise_id":"E4"},
                 "interactivity":{"interactor":{"id":"U4"},"interactivity_pointer":"ptr-4"},
                 "bot_access_token":"xwfp-4","function_data":{"execution_id":"Fx4","function":{"callback_id":"f"}},
                 "actions":[{"action_id":"a","block_id":"b","type":"button","value":"v","action_ts":"1.2"}]}""",
                // a message with blocks and a thread, state values, and a static select
                """
                {"type":"block_actions","user":{"id":"U5","team_id":"T5"},"team":{"id":"T5"},
                 "container":{"type":"message","message_ts":"1.5","channel_id":"C5","thread_ts":"1.4"},
                 "trigger_id":"t5","channel":{"id":"C5","name":"ops"},"response_url":"https://hooks.slack.test/r/5",
                 "message":{"type":"message","ts":"1.5","thread_ts":"1.4","text":"t","blocks":[
                   {"type":"section","block_id":"s","text":{"type":"mrkdwn","text":"*Deploy*"},
                    "accessory":{"type":"button","action_id":"x","text":{"type":"plain_text","text":"Go"}}},
                   {"type":"actions","block_id":"approval","elements":[
                    {"type":"button","action_id":"approval_approve","style":"primary","value":"7","text":{"type":"plain_text","text":"Approve"}},
                    {"type":"static_select","action_id":"pick","options":[{"text":{"type":"plain_text","text":"A"},"value":"a"}]}]},
                   {"type":"context","elements":[{"type":"mrkdwn","text":"due <!date^1700000000^{date}|x>"}]}]},
                 "state":{"values":{"b":{"pick":{"type":"static_select","selected_option":{"text":{"type":"plain_text","text":"A"},"value":"a"}}}}},
                 "actions":[{"action_id":"pick","block_id":"approval","type":"static_select",
                   "selected_option":{"text":{"type":"plain_text","text":"A"},"value":"a"},"action_ts":"1.6"}]}""");
    }

    @ParameterizedTest
    @MethodSource("clicks")
    void aClickIsTheRequestBoltMakesOfIt(String payload) {
        SlackRequestParser.HttpRequest http = http(payload, Map.of("X-Forwarded-For", List.of("203.0.113.9")));

        Request<?> ours = requests.parse(http, SlackShapes.read(http.getRequestBody()));
        BlockActionRequest theirs = (BlockActionRequest) bolt.parse(http);

        assertThat(ours).isInstanceOf(BlockActionRequest.class).isNotExactlyInstanceOf(BlockActionRequest.class);
        BlockActionRequest click = (BlockActionRequest) ours;
        assertThat(click.getPayload()).isNotNull().isEqualTo(theirs.getPayload());
        assertThat(click.getContext().getRequestUserId()).isNotNull();
        assertThat(click.getResponseUrl()).isEqualTo(theirs.getResponseUrl());
        assertSameRequest(click, theirs);
    }

    /** Context, kind, body, headers, client address and query as Bolt's parser makes them. */
    private static void assertSameRequest(Request<?> ours, Request<?> theirs) {
        assertThat(ours.getContext()).usingRecursiveComparison().isEqualTo(theirs.getContext());
        assertThat(ours.getContext().getTeamId()).isNotNull();
        assertThat(ours.getRequestType()).isEqualTo(theirs.getRequestType());
        assertThat(ours.getRequestBodyAsString()).isEqualTo(theirs.getRequestBodyAsString());
        assertThat(ours.getHeaders()).isSameAs(theirs.getHeaders());
        assertThat(ours.getClientIpAddress()).isEqualTo(theirs.getClientIpAddress()).isEqualTo("203.0.113.9");
        assertThat(ours.getQueryString()).isEqualTo(theirs.getQueryString()).containsEntry("src", List.of("x"));
    }

    static Stream<String> commands() {
        return Stream.of(
                "token=t&team_id=T1&team_domain=acme&channel_id=C1&channel_name=ops&user_id=U1&user_name=ann"
                        + "&command=%2Ftask&text=add+Ship+it+due+friday+5pm&api_app_id=A1&is_enterprise_install=false"
                        + "&response_url=https%3A%2F%2Fhooks.slack.test%2Fc%2F1&trigger_id=1.2.3",
                // an org-wide install: the enterprise comes from the form
                "team_id=T2&enterprise_id=E2&enterprise_name=Org&channel_id=C2&user_id=U2&command=%2Ftask"
                        + "&text=list&is_enterprise_install=true&response_url=https%3A%2F%2Fhooks.slack.test%2Fc%2F2&trigger_id=4.5.6",
                // no text at all, a field named twice (the last wins), a stray field
                "command=%2Ftask&team_id=T3&user_id=U3&channel_id=D3&team_id=T4&x=y");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void aCommandIsTheRequestBoltMakesOfIt(String form) {
        SlackRequestParser.HttpRequest http = form(form, Map.of("X-Forwarded-For", List.of("203.0.113.9")));

        Request<?> ours = requests.parse(http, SlackShapes.read(http.getRequestBody()));
        SlashCommandRequest theirs = (SlashCommandRequest) bolt.parse(http);

        assertThat(SlackShapes.read(form)).isInstanceOf(SlackShapes.Verdict.Command.class);
        assertThat(ours).isExactlyInstanceOf(SlashCommandRequest.class);
        SlashCommandRequest command = (SlashCommandRequest) ours;
        assertThat(command.getPayload()).isNotNull().isEqualTo(theirs.getPayload());
        assertSameRequest(command, theirs);
    }

    @Test
    void withoutAForwardedAddressTheRemoteOneIsTheClients() {
        SlackRequestParser.HttpRequest http = http(clicks().findFirst().orElseThrow(), Map.of());

        assertThat(requests.parse(http, SlackShapes.read(http.getRequestBody())).getClientIpAddress())
                .isEqualTo(bolt.parse(http).getClientIpAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void aClickWithoutAUserIsRefusedAsBoltRefusesIt() {
        SlackRequestParser.HttpRequest http = http("""
                {"type":"block_actions","team":{"id":"T1"},"actions":[{"action_id":"a","type":"button"}]}""", Map.of());

        assertThatThrownBy(() -> bolt.parse(http)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> requests.parse(http, SlackShapes.read(http.getRequestBody())))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void otherKindsAreBoltsOwn() {
        String submission = SlackPayloads.viewSubmission("U1", "V1", "task_create", "", "{}");
        SlackRequestParser.HttpRequest http = http(submission, Map.of());

        Request<?> ours = requests.parse(http, SlackShapes.read(http.getRequestBody()));

        assertThat(ours.getClass()).isEqualTo(bolt.parse(http).getClass());
    }

    private static SlackRequestParser.HttpRequest http(String payload, Map<String, List<String>> extra) {
        return form("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8), extra);
    }

    private static SlackRequestParser.HttpRequest form(String body, Map<String, List<String>> extra) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", List.of("application/x-www-form-urlencoded"));
        headers.putAll(extra);
        return SlackRequestParser.HttpRequest.builder()
                .requestUri("/slack/events")
                .queryString(Map.of("src", List.of("x")))
                .headers(new RequestHeaders(headers))
                .requestBody(body)
                .remoteAddress("127.0.0.1")
                .build();
    }
}
