package io.taskbridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code /task connect}, {@code link}, {@code subscribe}, {@code unsubscribe}, {@code subscriptions}. */
class ConnectorGrammarTest {

    static Command ok(String text) {
        CommandParser.Parse p = CommandParser.parse(text);
        assertThat(p).isInstanceOf(CommandParser.Parse.Ok.class);
        return ((CommandParser.Parse.Ok) p).command();
    }

    static CommandParser.Parse.Invalid invalid(String text) {
        CommandParser.Parse p = CommandParser.parse(text);
        assertThat(p).isInstanceOf(CommandParser.Parse.Invalid.class);
        return (CommandParser.Parse.Invalid) p;
    }

    @Test
    void connect() {
        assertThat(ok("connect Workiva")).isEqualTo(new Command.Connect("workiva"));
        assertThat(ok("connect builtin")).isEqualTo(new Command.Connect("builtin"));
        assertThat(invalid("connect").usage()).isEqualTo(Usage.CONNECT);
        assertThat(invalid("connect workiva awork").problem()).contains("one name");
        assertThat(invalid("conect workiva").problem()).contains("Did you mean `/task connect`");
    }

    @Test
    void link() {
        assertThat(ok("link <@U123|alice> V1ZVd2VyFzU3")).isEqualTo(new Command.Link("U123", "V1ZVd2VyFzU3", Optional.empty()));
        assertThat(ok("link <@U123> 42 awork")).isEqualTo(new Command.Link("U123", "42", Optional.of("awork")));
        assertThat(invalid("link alice V1").usage()).isEqualTo(Usage.LINK);
        assertThat(invalid("link <@U123>").problem()).contains("their id");
    }

    @Test
    void subscribeWithFilters() {
        assertThat(ok("subscribe workiva")).isEqualTo(new Command.Subscribe("workiva", Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(ok("subscribe workiva assignee:<@U9|bob> status:review title:\"budget review\""))
                .isEqualTo(new Command.Subscribe("workiva", Optional.of("U9"), Optional.of("review"), Optional.of("budget review")));
        assertThat(ok("subscribe awork title: \"logo\" status:\"Awaiting Approval\""))
                .isEqualTo(new Command.Subscribe("awork", Optional.empty(), Optional.of("Awaiting Approval"), Optional.of("logo")));
        assertThat(invalid("subscribe workiva owner:me").problem()).contains("I don't know the filter");
        assertThat(invalid("subscribe workiva assignee:bob").problem()).contains("@-mention");
        assertThat(invalid("subscribe").usage()).isEqualTo(Usage.SUBSCRIBE);
    }

    @Test
    void unsubscribeAndList() {
        assertThat(ok("unsubscribe workiva")).isEqualTo(new Command.Unsubscribe("workiva"));
        assertThat(ok("subscriptions")).isEqualTo(new Command.Subscriptions());
        assertThat(invalid("subscriptions all").usage()).isEqualTo(Usage.SUBSCRIPTIONS);
        assertThat(Usage.HELP_TEXT).contains("/task connect workiva").contains("/task subscribe workiva");
    }
}
