package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts over signed loopback HTTP: "Create a task" on a message opens the creation form at
 * once, prefilled from the message, fills in its permalink after the ack, and its submission creates
 * the task (keeping the permalink) and replies in the message's thread; "New task" in the lightning
 * menu picks the channel, and a private conversation the person is not in is refused.
 */
class ShortcutsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    RunningService svc;

    @BeforeEach
    void start() {
        svc = new RunningService();
    }

    @AfterEach
    void stop() {
        svc.close();
    }

    @Test
    void shortcutsWithoutAUserAreAnswered200AndOpenNothing() {
        String message = SlackPayloads.messageShortcut("UALICE", Shortcuts.FROM_MESSAGE, "C1", "1.1", "UBOB", "Hi", "trig-x");
        String global = SlackPayloads.globalShortcut("UALICE", Shortcuts.NEW, "trig-y");
        for (String payload : List.of(message, global)) {
            String noUser = payload.replaceFirst("\"user\":\\{[^}]*}", "\"user\":null");
            assertThat(noUser).doesNotContain("UALICE");
            assertThat(svc.requests.interaction(noUser).statusCode()).isEqualTo(200);
        }
        Quiescence.await(svc);
        assertThat(svc.slack.calls("views.open")).isEmpty();
    }

    @Test
    void aMessageBecomesATaskWithItsPermalinkAndAReplyInItsThread() throws Exception {
        String ts = svc.slack.userMessage("C1", "Fix the login bug\nIt fails on Safari.\nSee the logs.");

        HttpResponse<String> ack = svc.requests.interaction(SlackPayloads.messageShortcut("UALICE", Shortcuts.FROM_MESSAGE,
                "C1", ts, "UBOB", "Fix the login bug\nIt fails on Safari.\nSee the logs.", "trig-m1"));

        // Opened within the ack itself: the call was made before the answer.
        assertThat(ack.statusCode()).isEqualTo(200);
        FakeSlack.Call open = svc.slack.calls("views.open").get(0);
        assertThat(open.param("trigger_id")).isEqualTo("trig-m1");
        JsonNode form = JSON.readTree(open.param("view"));
        assertThat(input(form, TaskModal.Field.TITLE).path("initial_value").asText()).isEqualTo("Fix the login bug");
        assertThat(input(form, TaskModal.Field.DESCRIPTION).path("initial_value").asText())
                .isEqualTo("It fails on Safari.\nSee the logs.");
        assertThat(input(form, TaskModal.Field.ASSIGNEE).path("initial_user").asText()).isEqualTo("UBOB");

        FakeSlack.Call update = svc.slack.await("views.update");
        JsonNode filled = JSON.readTree(update.param("view"));
        String permalink = "https://test.slack.com/archives/C1/p" + ts.replace(".", "");
        assertThat(filled.path("blocks").toString()).contains(permalink);
        assertThat(svc.slack.calls("chat.getPermalink").get(0).param("message_ts")).isEqualTo(ts);

        HttpResponse<String> submitted = svc.requests.interaction(SlackPayloads.viewSubmission("UALICE", "V-m1",
                TaskModal.CALLBACK_ID, filled.path("private_metadata").asText(), titled("Fix the login bug")));
        assertThat(submitted.body()).doesNotContain("errors");

        List<Task> made = svc.service.tasks().list(TaskQuery.all());
        assertThat(made).hasSize(1);
        SlackPlace place = made.get(0).slack().orElseThrow();
        assertThat(place.channelId()).isEqualTo("C1");
        assertThat(place.source().orElseThrow().ts()).isEqualTo(ts);
        assertThat(place.source().orElseThrow().permalink()).contains(permalink);

        String taskTs = svc.awaitMessageTs(made.get(0).id());
        FakeSlack.Message reply = svc.slack.awaitMessage(m -> ts.equals(m.threadTs()));
        assertThat(reply.channel()).isEqualTo("C1");
        assertThat(reply.text()).contains("Task #" + made.get(0).id()).contains("Fix the login bug")
                .contains("https://slack.com/archives/C1/p" + taskTs.replace(".", ""));
        Quiescence.await(svc);
        assertThat(svc.slack.message("C1", taskTs).orElseThrow().seen()).contains(permalink);
    }

    @Test
    void theLightningMenuFormPicksAChannelAndAStrangerCannotPickAPrivateOne() throws Exception {
        svc.slack.members("G7", "UCAROL");

        svc.requests.interaction(SlackPayloads.globalShortcut("UZED", Shortcuts.NEW, "trig-g1"));
        FakeSlack.Call open = svc.slack.calls("views.open").get(0);
        JsonNode picker = input(JSON.readTree(open.param("view")), TaskModal.Field.CHANNEL);
        assertThat(picker.path("type").asText()).isEqualTo("conversations_select");
        String metadata = JSON.readTree(open.param("view")).path("private_metadata").asText();

        // A stranger picks a private channel they are not in: refused on the form, nothing created.
        HttpResponse<String> refused = svc.requests.interaction(SlackPayloads.viewSubmission("UZED", "V-g1",
                TaskModal.CALLBACK_ID, metadata, titled("Peek inside", "G7")));
        assertThat(refused.body()).contains("\"response_action\":\"errors\"").contains(TaskModal.Field.CHANNEL.blockId())
                .contains("private and you are not in it");
        Quiescence.await(svc);
        assertThat(svc.service.tasks().count(TaskQuery.all())).isZero();
        assertThat(svc.slack.posted()).isEmpty();

        // A member may; so may anyone in a public channel.
        assertThat(svc.requests.interaction(SlackPayloads.viewSubmission("UCAROL", "V-g2", TaskModal.CALLBACK_ID, metadata,
                titled("Plan the offsite", "G7"))).body()).doesNotContain("errors");
        assertThat(svc.requests.interaction(SlackPayloads.viewSubmission("UZED", "V-g3", TaskModal.CALLBACK_ID, metadata,
                titled("Order pizza", "C5"))).body()).doesNotContain("errors");
        List<Task> made = svc.service.tasks().list(TaskQuery.all().sortedBy(
                new TaskQuery.Sort(TaskQuery.SortField.CREATED_AT, true)));
        assertThat(made).extracting(Task::title).containsExactly("Plan the offsite", "Order pizza");
        assertThat(made).extracting(t -> t.slack().orElseThrow().channelId()).containsExactly("G7", "C5");
        assertThat(svc.slack.await("chat.postMessage", c -> "C5".equals(c.param("channel"))).param("text"))
                .contains("Order pizza");

        // The App Home's New task opens the same form, with the same picker.
        svc.requests.interaction(SlackPayloads.homeClick("UZED", HomeTab.NEW_TASK, "home_actions", "new"));
        FakeSlack.Call fromHome = svc.slack.calls("views.open").get(1);
        assertThat(fromHome.param("trigger_id")).isEqualTo("trig-home");
        assertThat(input(JSON.readTree(fromHome.param("view")), TaskModal.Field.CHANNEL).path("type").asText())
                .isEqualTo("conversations_select");
    }

    @Test
    void aMessageInAPrivateChannelThePersonIsNotInIsRefusedAndNothingIsCreated() throws Exception {
        svc.slack.members("G9", "UCAROL");
        String ts = svc.slack.userMessage("G9", "Confidential plan");

        svc.requests.interaction(SlackPayloads.messageShortcut("UZED", Shortcuts.FROM_MESSAGE, "G9", ts, "UCAROL",
                "Confidential plan", "trig-m2"));
        FakeSlack.Call update = svc.slack.await("views.update");
        assertThat(update.param("view")).contains("private and you are not in it").doesNotContain("\"submit\"");
        String metadata = JSON.readTree(svc.slack.calls("views.open").get(0).param("view")).path("private_metadata").asText();

        HttpResponse<String> submitted = svc.requests.interaction(SlackPayloads.viewSubmission("UZED", "V-m2",
                TaskModal.CALLBACK_ID, metadata, titled("Confidential plan")));
        assertThat(submitted.body()).contains("\"response_action\":\"errors\"");
        Quiescence.await(svc);
        assertThat(svc.service.tasks().count(TaskQuery.all())).isZero();
        assertThat(svc.slack.calls("chat.getPermalink")).isEmpty();
    }

    private static JsonNode input(JsonNode view, TaskModal.Field field) {
        for (JsonNode block : view.path("blocks")) {
            if (field.blockId().equals(block.path("block_id").asText())) {
                return block.path("element");
            }
        }
        throw new AssertionError("no input " + field + " in " + view);
    }

    private static String titled(String title) {
        return """
                {"%s":{"%s":{"type":"plain_text_input","value":"%s"}}}
                """.formatted(TaskModal.Field.TITLE.blockId(), TaskModal.Field.TITLE.actionId(), title);
    }

    private static String titled(String title, String channel) {
        return """
                {"%s":{"%s":{"type":"plain_text_input","value":"%s"}},
                 "%s":{"%s":{"type":"conversations_select","selected_conversation":"%s"}}}
                """.formatted(TaskModal.Field.TITLE.blockId(), TaskModal.Field.TITLE.actionId(), title,
                TaskModal.Field.CHANNEL.blockId(), TaskModal.Field.CHANNEL.actionId(), channel);
    }
}
