package io.taskbridge.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminsTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final Slack slack = new Slack();

    /** Stands in for users.info: answers from a table and records every question. */
    private static final class Slack implements WorkspaceAdmins {
        final Map<String, Optional<Boolean>> answers = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        @Override
        public Optional<Boolean> isAdminOrOwner(String teamId, String userId) {
            asked.add(teamId + "/" + userId);
            return answers.getOrDefault(userId, Optional.of(false));
        }
    }

    @Test
    void anExplicitListWinsAndSlackIsNeverAsked() {
        slack.answers.put("U_OWNER", Optional.of(true));
        Admins admins = new Admins(Set.of("U_LEAD"), slack, clock, Admins.DEFAULT_TTL);

        assertThat(admins.isAdmin("T1", "U_LEAD")).isTrue();
        assertThat(admins.isAdmin("T2", "U_LEAD")).isTrue();
        assertThat(admins.isAdmin("T1", "U_OWNER")).isFalse();
        assertThat(admins.knownAdmin("T1", "U_OWNER")).contains(false);
        assertThat(slack.asked).isEmpty();
    }

    @Test
    void withoutAListTheWorkspacesOwnAdminsAreAdminsPerWorkspace() {
        slack.answers.put("U_OWNER", Optional.of(true));
        Admins admins = new Admins(Set.of(), slack, clock, Admins.DEFAULT_TTL);

        assertThat(admins.actor("T1", "U_OWNER")).isEqualTo(new Actor("U_OWNER", true));
        assertThat(admins.actor("T1", "U_BOB")).isEqualTo(new Actor("U_BOB", false));
        assertThat(slack.asked).containsExactly("T1/U_OWNER", "T1/U_BOB");
    }

    @Test
    void anAnswerIsRememberedForItsTimeThenAskedAgain() {
        slack.answers.put("U_OWNER", Optional.of(true));
        Admins admins = new Admins(Set.of(), slack, clock, Duration.ofMinutes(10));
        assertThat(admins.knownAdmin("T1", "U_OWNER")).isEmpty();

        assertThat(admins.isAdmin("T1", "U_OWNER")).isTrue();
        clock.advance(Duration.ofMinutes(9));
        assertThat(admins.knownAdmin("T1", "U_OWNER")).contains(true);
        assertThat(admins.isAdmin("T1", "U_OWNER")).isTrue();
        assertThat(slack.asked).hasSize(1);

        slack.answers.put("U_OWNER", Optional.of(false));
        clock.advance(Duration.ofMinutes(2));
        assertThat(admins.knownAdmin("T1", "U_OWNER")).isEmpty();
        assertThat(admins.isAdmin("T1", "U_OWNER")).isFalse();
        assertThat(slack.asked).hasSize(2);
        assertThat(admins.isAdmin("T2", "U_OWNER")).isFalse();
        assertThat(slack.asked).containsExactly("T1/U_OWNER", "T1/U_OWNER", "T2/U_OWNER");
    }

    @Test
    void aFailedLookUpIsNotAnAdminAndIsAskedAgain() {
        slack.answers.put("U_OWNER", Optional.empty());
        Admins admins = new Admins(Set.of(), slack, clock, Admins.DEFAULT_TTL);

        assertThat(admins.isAdmin("T1", "U_OWNER")).isFalse();
        assertThat(admins.knownAdmin("T1", "U_OWNER")).isEmpty();
        slack.answers.put("U_OWNER", Optional.of(true));
        assertThat(admins.isAdmin("T1", "U_OWNER")).isTrue();
        assertThat(slack.asked).hasSize(2);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            is_admin=true is_owner=false is_primary_owner=false | true
            is_admin=false is_owner=true                        | true
            is_primary_owner=true                               | true
            is_admin=false is_owner=false is_primary_owner=false | false
            is_bot=false                                        | false
            """)
    void usersInfoSaysAdminOrOwner(String flags, boolean expected) {
        assertThat(WorkspaceAdmins.fromUsersInfo(SlackFlags.of("U_OWNER", flags))).isEqualTo(expected);
    }
}
