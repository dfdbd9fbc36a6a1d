package io.taskbridge.testing;

/** Interactivity payloads shaped exactly as Slack sends them, for signed {@code payload=} bodies. */
public final class SlackPayloads {
    private SlackPayloads() {}

    /** A block_actions click on a button of a channel message. */
    public static String buttonClick(String user, String actionId, String blockId, String value, String channel,
                                     String messageTs, String responseUrl) {
        return """
                {"type":"block_actions","user":{"id":"%s","username":"u","name":"u","team_id":"T1"},
                 "api_app_id":"A1","token":"x","team":{"id":"T1","domain":"test"},
                 "container":{"type":"message","message_ts":"%s","channel_id":"%s","is_ephemeral":false},
                 "trigger_id":"trig-click","channel":{"id":"%s","name":"general"},
                 "message":{"type":"message","ts":"%s","text":"task","user":"UBOT","bot_id":"BBOT"},
                 "response_url":"%s",
                 "actions":[{"action_id":"%s","block_id":"%s","value":"%s",
                             "type":"button","text":{"type":"plain_text","text":"Button"},"action_ts":"1700000001.000200"}]}
                """.formatted(user, messageTs, channel, channel, messageTs, responseUrl, actionId, blockId, value);
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
