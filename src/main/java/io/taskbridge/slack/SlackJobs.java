package io.taskbridge.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.util.Responder;
import io.taskbridge.intake.Intake;
import io.taskbridge.platform.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack work done after the ack, through the durable {@link Intake}: each listener records its job
 * (a small JSON record) under the request's natural key before it acks, and the intake's workers
 * run it, also after a crash or on another instance. Answers go through the request's
 * {@code response_url}, as they would have from memory.
 */
final class SlackJobs {
    private static final Logger log = LoggerFactory.getLogger(SlackJobs.class);
    private final Intake intake;
    private final Slack slack;
    private final ObjectMapper json = Json.mapper();

    SlackJobs(Intake intake, Slack slack) {
        this.intake = intake;
        this.slack = slack;
    }

    /**
     * Records {@code job} of {@code kind} under {@code key}; true once it is durable (or was already
     * waiting under that key), false when it could not be recorded (the caller says it is busy).
     */
    boolean record(String kind, String key, Object job) {
        try {
            intake.accept(kind, key, json.writeValueAsString(job));
            return true;
        } catch (JsonProcessingException | RuntimeException e) {
            log.warn("could not record a Slack request's work ({}): {}", kind, e.toString());
            return false;
        }
    }

    /** Registers what runs a job of {@code kind}. */
    <T> void on(String kind, Class<T> type, Consumer<T> handler) {
        intake.on(kind, payload -> {
            T job;
            try {
                job = json.readValue(payload, type);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            handler.accept(job);
        });
    }

    /** Answers a slash command through its response_url (visible to the caller only). */
    void reply(String responseUrl, String text) {
        send(responseUrl, () -> new Responder(slack, responseUrl).send(SlashCommandResponse.builder().text(text).build()));
    }

    /** Answers a click: {@code replace} replaces the message clicked, else an ephemeral message only the clicker sees. */
    void answer(String responseUrl, boolean replace, String text) {
        ActionResponse response = replace ? ActionResponse.builder().replaceOriginal(true).text(text).build()
                : ActionResponse.builder().responseType("ephemeral").replaceOriginal(false).text(text).build();
        send(responseUrl, () -> new Responder(slack, responseUrl).send(response));
    }

    private interface Post {
        Object post() throws IOException;
    }

    private static void send(String responseUrl, Post post) {
        if (responseUrl == null || responseUrl.isBlank()) {
            return;
        }
        try {
            post.post();
        } catch (IOException e) {
            log.warn("could not answer through response_url: {}", e.getMessage());
        }
    }
}
