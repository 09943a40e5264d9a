package dev.ocbridge.core.commands;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A chat command such as {@code !sessions}: a name and the rest of the line. */
public record Command(String name, String arguments) {
    private static final Pattern SYNTAX = Pattern.compile("^!([A-Za-z][A-Za-z0-9_-]*)(?:\\s+(.*))?$", Pattern.DOTALL);

    public Command {
        name = name.toLowerCase(Locale.ROOT);
        arguments = arguments == null ? "" : arguments.strip();
    }

    /** A message is a command when it starts with {@code !} followed by a word. */
    public static Optional<Command> parse(String message) {
        Matcher matcher = SYNTAX.matcher(message.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Command(matcher.group(1), matcher.group(2)));
    }
}
