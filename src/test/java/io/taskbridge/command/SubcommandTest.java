package io.taskbridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The subcommand a command is counted under: a verb's own name, "form" or "unknown", never the typed text. */
class SubcommandTest {

    @Test
    void theFirstWordNamesTheVerbBySynonymAndCase() {
        assertThat(CommandParser.subcommand("add Buy milk due friday")).isEqualTo("add");
        assertThat(CommandParser.subcommand("  NEW  Buy milk")).isEqualTo("add");
        assertThat(CommandParser.subcommand("ls @bob")).isEqualTo("list");
        assertThat(CommandParser.subcommand("finish 42")).isEqualTo("done");
        assertThat(CommandParser.subcommand("?")).isEqualTo("help");
    }

    @Test
    void nothingOpensTheFormAndAnythingElseIsUnknown() {
        assertThat(CommandParser.subcommand("")).isEqualTo("form");
        assertThat(CommandParser.subcommand(null)).isEqualTo("form");
        assertThat(CommandParser.subcommand("   ")).isEqualTo("form");
        assertThat(CommandParser.subcommand("frobnicate 42")).isEqualTo("unknown");
        assertThat(CommandParser.subcommand("\"add\" quoted")).isEqualTo("unknown");
    }
}
