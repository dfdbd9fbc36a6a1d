package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.task.Task;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackReply;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Small input defects found by probing /task as an attacker would, each through signed requests. */
class SlackInputDefectsTest {
    RunningService svc;

    @BeforeEach
    void start() {
        svc = new RunningService();
    }

    @AfterEach
    void stop() {
        svc.close();
    }

    private String reply(String text, String user, String channel, String trigger, String responseId) {
        return SlackReply.of(svc.requests.command(text, user, channel, trigger, svc.slack.responseUrl(responseId)),
                svc.slack, responseId);
    }

    @Test
    void aRepeatedTriggerIdFromAnotherUserIsNotTheirReplay() {
        String alice = reply("add Alice's private plan", "UALICE", "C1", "trigger-same", "r1");
        assertThat(alice).contains("Alice's private plan");
        String bob = reply("add Bob's errand", "UBOB", "C2", "trigger-same", "r2");
        assertThat(bob).contains("Bob's errand").doesNotContain("Alice");
        assertThat(svc.service.tasks().list(TaskQuery.all())).extracting(Task::title)
                .containsExactlyInAnyOrder("Alice's private plan", "Bob's errand");
        // The same person pressing Enter twice is still one task.
        String again = reply("add Bob's errand", "UBOB", "C2", "trigger-same", "r3");
        assertThat(again).contains("Bob's errand");
        assertThat(svc.service.tasks().count(TaskQuery.all())).isEqualTo(2);
    }

    @Test
    void controlCharactersAreNeitherStoredNorPosted() {
        reply("add Pay\u0000 the\u001b[31m bill\u0007", "UBOB", "C1", "t-ctl", "r1");
        List<Task> tasks = svc.service.tasks().list(TaskQuery.all());
        assertThat(tasks).extracting(Task::title).containsExactly("Pay the[31m bill");
        FakeSlack.Call post = svc.slack.await("chat.postMessage");
        assertThat(post.form().toString()).doesNotContain("\u0000").doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @Test
    void listHeadingsAreEscapedOnce() {
        reply("add Tagged task #a&amp;b <@UALICE|alice>", "UBOB", "C1", "t1", "r1");
        String byTag = reply("list #a&amp;b", "UBOB", "C1", "t2", "r2");
        assertThat(byTag).contains("tagged #a&amp;b").doesNotContain("&amp;amp;");
        String byPerson = reply("list <@UALICE|alice>", "UBOB", "C1", "t3", "r3");
        assertThat(byPerson).contains("assigned to <@UALICE>").doesNotContain("&lt;@");
    }
}
