package io.taskbridge.testing;

/** Interactivity payloads shaped exactly as Slack sends them, for signed {@code payload=} bodies. */
public final class SlackPayloads {
    private SlackPayloads() {}

    /** A block_actions click on a button of a channel message. */
    public static String buttonClick(String user, String actionId, String blockId, String value, String channel,
                                     String messageTs, String responseUrl) {
        return buttonClick("T1", user, actionId, blockId, value, channel, messageTs, responseUrl);
    }

    /** A block_actions click from workspace {@code team}. */
    public static String buttonClick(String team, String user, String actionId, String blockId, String value,
                                     String channel, String messageTs, String responseUrl) {
        return """
                {"type":"block_actions","user":{"id":"%s","username":"u","name":"u","team_id":"%s"},
                 "api_app_id":"A1","token":"x","team":{"id":"%s","domain":"test"},
                 "container":{"type":"message","message_ts":"%s","channel_id":"%s","is_ephemeral":false},
                 "trigger_id":"trig-click","channel":{"id":"%s","name":"general"},
                 "message":{"type":"message","ts":"%s","text":"task","user":"UBOT","bot_id":"BBOT"},
                 "response_url":"%s",
                 "actions":[{"action_id":"%s","block_id":"%s","value":"%s",
                             "type":"button","text":{"type":"plain_text","text":"Button"},"action_ts":"1700000001.000200"}]}
                """.formatted(user, team, team, messageTs, channel, channel, messageTs, responseUrl, actionId, blockId, value);
    }

    /**
     * A click from an org-wide (Enterprise Grid) installation: {@code "team": null}, the team only in
     * {@code user.team_id}, the organisation in {@code enterprise}.
     */
    public static String orgWideButtonClick(String enterprise, String team, String user, String actionId,
                                            String blockId, String value, String channel, String messageTs,
                                            String responseUrl) {
        return """
                {"type":"block_actions","user":{"id":"%s","username":"u","name":"u","team_id":"%s"},
                 "api_app_id":"A1","token":"x","team":null,"enterprise":{"id":"%s","name":"Org"},
                 "is_enterprise_install":true,
                 "container":{"type":"message","message_ts":"%s","channel_id":"%s","is_ephemeral":false},
                 "trigger_id":"trig-click","channel":{"id":"%s","name":"general"},
                 "message":{"type":"message","ts":"%s","text":"task","user":"UBOT","bot_id":"BBOT"},
                 "response_url":"%s",
                 "actions":[{"action_id":"%s","block_id":"%s","value":"%s",
                             "type":"button","text":{"type":"plain_text","text":"Button"},"action_ts":"1700000001.000200"}]}
                """.formatted(user, team, enterprise, messageTs, channel, channel, messageTs, responseUrl, actionId,
                blockId, value);
    }

    /** A view_submission of a modal; {@code values} is the JSON object inside {@code state.values}. */
    public static String viewSubmission(String user, String viewId, String callbackId, String privateMetadata,
                                        String values) {
        return """
                {"type":"view_submission","team":{"id":"T1","domain":"test"},
                 "user":{"id":"%s","username":"u","name":"u","team_id":"T1"},
                 "api_app_id":"A1","token":"x","trigger_id":"trig-sub",
                 "view":{"id":"%s","team_id":"T1","type":"modal","callback_id":"%s","private_metadata":"%s",
                   "hash":"h1","state":{"values":%s}}}
                """.formatted(user, viewId, callbackId, privateMetadata, values);
    }

    /** An {@code app_home_opened} event: {@code user} opened the app's Home tab in workspace {@code team}. */
    public static String appHomeOpened(String team, String user, String eventId) {
        return """
                {"token":"x","team_id":"%s","api_app_id":"A1","type":"event_callback","event_id":"%s",
                 "event_time":1700000100,
                 "event":{"type":"app_home_opened","user":"%s","channel":"D%s","tab":"home","event_ts":"1700000100.000100"},
                 "authorizations":[{"enterprise_id":null,"team_id":"%s","user_id":"UBOT","is_bot":true,
                   "is_enterprise_install":false}]}
                """.formatted(team, eventId, user, user, team);
    }

    /** A click on a button of {@code user}'s App Home (container type view, no channel, no response_url). */
    public static String homeClick(String user, String actionId, String blockId, String value) {
        return """
                {"type":"block_actions","user":{"id":"%s","username":"u","name":"u","team_id":"T1"},
                 "api_app_id":"A1","token":"x","team":{"id":"T1","domain":"test"},
                 "container":{"type":"view","view_id":"VHOME"},"trigger_id":"trig-home",
                 "view":{"id":"VHOME","team_id":"T1","type":"home","callback_id":"taskbridge_home","hash":"h"},
                 "actions":[{"action_id":"%s","block_id":"%s","value":"%s",
                             "type":"button","text":{"type":"plain_text","text":"Button"},"action_ts":"1700000001.000300"}]}
                """.formatted(user, actionId, blockId, value);
    }

    /** A message shortcut ({@code message_action}) on the message at {@code channel} and {@code ts}, written by {@code author}. */
    public static String messageShortcut(String user, String callbackId, String channel, String ts, String author,
                                         String text, String trigger) {
        return """
                {"type":"message_action","callback_id":"%s","trigger_id":"%s","message_ts":"%s",
                 "response_url":"https://hooks.slack.com/app/x","token":"x","action_ts":"1700000002.000100",
                 "team":{"id":"T1","domain":"test"},"user":{"id":"%s","name":"u","team_id":"T1"},
                 "channel":{"id":"%s","name":"general"},
                 "message":{"type":"message","user":"%s","ts":"%s","text":%s}}
                """.formatted(callbackId, trigger, ts, user, channel, author, ts, quoted(text));
    }

    /** A global shortcut ({@code shortcut}) from the lightning menu. */
    public static String globalShortcut(String user, String callbackId, String trigger) {
        return """
                {"type":"shortcut","callback_id":"%s","trigger_id":"%s","token":"x","action_ts":"1700000002.000200",
                 "team":{"id":"T1","domain":"test"},"user":{"id":"%s","username":"u","team_id":"T1"}}
                """.formatted(callbackId, trigger, user);
    }

    private static String quoted(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
