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
}
