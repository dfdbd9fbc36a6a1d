package io.taskbridge.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;

/**
 * What the person who typed a command was told: in the ack itself when the work was local and
 * quick, otherwise in a later post to the command's response_url.
 */
public final class SlackReply {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackReply() {}

    public static String of(HttpResponse<String> ack, FakeSlack slack, String responseId) {
        String body = ack.body() == null ? "" : ack.body().strip();
        if (!body.isEmpty()) {
            try {
                String text = JSON.readTree(body).path("text").asText("");
                if (!text.isEmpty()) {
                    return text;
                }
            } catch (Exception notJson) {
                return body;
            }
        }
        return slack.await("response_url", c -> responseId.equals(c.form().get("id"))).json().get("text").asText();
    }
}
