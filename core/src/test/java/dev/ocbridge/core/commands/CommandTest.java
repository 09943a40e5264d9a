package dev.ocbridge.core.commands;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandTest {

    @Test
    void anExclamationMarkAndAWordMakeACommand() {
        assertThat(Command.parse("  !Sessions  all ")).contains(new Command("sessions", "all"));
    }

    @Test
    void ordinaryTextIsNotACommand() {
        assertThat(Command.parse("please run !tests")).isEmpty();
        assertThat(Command.parse("! not a command")).isEmpty();
        assertThat(Command.parse("!")).isEmpty();
    }
}
