package io.taskbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Multi-workspace mode's settings: on with the OAuth client and signing secret, refused without a key or URL. */
class MultiWorkspaceConfigTest {
    private static Map<String, String> oauth() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_CLIENT_ID", "123.456");
        env.put("SLACK_CLIENT_SECRET", "shh");
        env.put("SLACK_SIGNING_SECRET", "sign");
        env.put("TASKBRIDGE_PUBLIC_URL", "https://tasks.example.com");
        env.put("TASKBRIDGE_ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        return env;
    }

    @Test
    void theOAuthClientAndSigningSecretTurnItOn() {
        Config.Slack slack = Config.from(oauth()).slack();
        assertThat(slack.multiWorkspace()).isTrue();
        assertThat(slack.httpMode()).isTrue();
        assertThat(slack.oauth().orElseThrow().redirectUri()).hasToString("https://tasks.example.com/slack/oauth_redirect");
    }

    @Test
    void withoutAnEncryptionKeyTheServiceRefusesToStartAndSaysWhy() {
        Map<String, String> env = oauth();
        env.remove("TASKBRIDGE_ENCRYPTION_KEY");
        assertThatThrownBy(() -> Config.from(env)).hasMessageContaining("TASKBRIDGE_ENCRYPTION_KEY")
                .hasMessageContaining("encrypted").hasMessageNotContaining("shh");
    }

    @Test
    void withoutAPublicUrlTheServiceRefusesToStart() {
        Map<String, String> env = oauth();
        env.remove("TASKBRIDGE_PUBLIC_URL");
        assertThatThrownBy(() -> Config.from(env)).hasMessageContaining("TASKBRIDGE_PUBLIC_URL");
    }

    @Test
    void aBotTokenAloneStaysSingleWorkspace() {
        Map<String, String> env = new HashMap<>(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "sign"));
        Config.Slack slack = Config.from(env).slack();
        assertThat(slack.multiWorkspace()).isFalse();
        assertThat(slack.httpMode()).isTrue();
    }
}
