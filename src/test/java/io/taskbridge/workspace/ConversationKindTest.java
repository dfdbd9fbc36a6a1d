package io.taskbridge.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
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

    @ParameterizedTest(name = "is_private={0} is_im={1} is_mpim={2}: {3}")
    @CsvSource(delimiter = '|', nullValues = "absent", textBlock = """
            false  | false  | false  | PUBLIC
            false  | absent | absent | PUBLIC
            true   | false  | false  | PRIVATE
            true   | false  | true   | GROUP_DM
            absent | false  | true   | GROUP_DM
            false  | true   | false  | DM
            absent | true   | absent | DM
            absent | absent | absent | PRIVATE
            absent | false  | false  | PRIVATE
            """)
    void fromConversationInfo(Boolean isPrivate, Boolean isIm, Boolean isMpim, ConversationKind expected) {
        Map<String, Object> channel = new HashMap<>();
        channel.put("id", "C0123456789");
        if (isPrivate != null) {
            channel.put("is_private", isPrivate);
        }
        if (isIm != null) {
            channel.put("is_im", isIm);
        }
        if (isMpim != null) {
            channel.put("is_mpim", isMpim);
        }
        assertThat(ConversationKind.fromConversationInfo(channel)).isEqualTo(expected);
    }
}
