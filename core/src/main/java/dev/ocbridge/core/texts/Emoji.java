package dev.ocbridge.core.texts;

import java.util.List;

/** The emoji names the bot reacts with and reads reactions by: part of how people answer, so kept in one place. */
public final class Emoji {
    public static final String ALLOW_ONCE = "+1";
    public static final String ALLOW_ALWAYS = "white_check_mark";
    public static final String REJECT = "-1";
    public static final String STOP = "octagonal_sign";
    /** The keycap digits 1 to 9, in order: they pick a question's options by number. */
    public static final List<String> NUMBERS = List.of("one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine");

    private Emoji() {
    }
}
