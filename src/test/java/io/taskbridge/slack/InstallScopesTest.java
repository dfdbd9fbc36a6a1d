package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An app installed through "Add to Slack" gets the scopes the OAuth URL asks for, not the
 * manifest's: a scope missing there makes calls fail with missing_scope in installed workspaces
 * only (conversations.info and .members did, so every channel counted as private and the
 * shortcuts refused public ones). The OAuth scopes must be the distributed manifest's bot scopes.
 */
class InstallScopesTest {

    @Test
    void theInstallAsksForEveryBotScopeOfTheDistributedManifest() throws Exception {
        assertThat(Arrays.asList(InstallApp.SCOPES.split(",")))
                .containsExactlyInAnyOrderElementsOf(botScopes(Path.of("manifests/slack-app-distributed.yaml")));
    }

    /** The items of oauth_config.scopes.bot, read line by line (each "- scope  # why"). */
    private static List<String> botScopes(Path manifest) throws Exception {
        List<String> scopes = new ArrayList<>();
        boolean inBot = false;
        for (String line : Files.readAllLines(manifest)) {
            String t = line.strip();
            if (t.equals("bot:")) {
                inBot = true;
            } else if (inBot && t.startsWith("- ")) {
                scopes.add(t.substring(2).split("#")[0].strip());
            } else if (inBot && !t.isEmpty() && !t.startsWith("#")) {
                break;
            }
        }
        assertThat(scopes).as("bot scopes in " + manifest).isNotEmpty();
        return scopes;
    }
}
