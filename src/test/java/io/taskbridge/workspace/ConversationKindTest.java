package io.taskbridge.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConversationKindTest {

    @ParameterizedTest(name = "channel_id={0} channel_name={1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            C0123456789 | general           | PUBLIC
            C0123456789 | finance-private   | PUBLIC
            C0123456789 | null              | PUBLIC
            G0123456789 | privategroup      | PRIVATE
            C0123456789 | privategroup      | PRIVATE
            D0123456789 | directmessage     | DM
            D0123456789 | general           | DM
            C0123456789 | directmessage     | DM
            G0123456789 | mpdm              | GROUP_DM
            G0123456789 | mpdm-alice--bob-1 | GROUP_DM
            """)
    void fromSlashCommand(String channelId, String channelName, ConversationKind expected) {
        assertThat(ConversationKind.fromSlashCommand(channelId, channelName)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            is_private=false is_im=false is_mpim=false | PUBLIC
            is_private=false                           | PUBLIC
            is_private=true is_im=false is_mpim=false  | PRIVATE
            is_private=true is_im=false is_mpim=true   | GROUP_DM
            is_im=false is_mpim=true                   | GROUP_DM
            is_private=false is_im=true is_mpim=false  | DM
            is_im=true                                 | DM
            is_im=false is_mpim=false                  | PRIVATE
            is_archived=false                          | PRIVATE
            """)
    void fromConversationInfo(String flags, ConversationKind expected) {
        assertThat(ConversationKind.fromConversationInfo(SlackFlags.of("C0123456789", flags))).isEqualTo(expected);
    }
}
