package dev.ocbridge.core.control;

import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.texts.Emoji;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How a person answered a permission request in chat: a reply, and for a rejection in their own words the
 * message the agent reads (as OpenCode's own clients send it), so that they can say what to do instead.
 */
public record PermissionAnswer(PermissionReply reply, String message) {
    /** The reactions the bot adds to a permission post, so that one tap answers. */
    public static final List<String> REACTIONS = List.of(Emoji.ALLOW_ONCE, Emoji.ALLOW_ALWAYS, Emoji.REJECT);

    private static final Set<String> ONCE_WORDS = Set.of("yes", "y", "allow");
    private static final Set<String> ALWAYS_WORDS = Set.of("always");
    private static final Set<String> REJECT_WORDS = Set.of("no", "n", "deny");

    public PermissionAnswer {
        message = message == null || message.isBlank() ? null : message.strip();
    }

    /** {@code yes}, {@code always}, {@code no} and their short forms; any other text rejects with itself as message. */
    public static PermissionAnswer fromText(String text) {
        String word = text.strip().replaceAll("[.!]+$", "").toLowerCase(Locale.ROOT);
        if (ONCE_WORDS.contains(word)) {
            return new PermissionAnswer(PermissionReply.ONCE, null);
        }
        if (ALWAYS_WORDS.contains(word)) {
            return new PermissionAnswer(PermissionReply.ALWAYS, null);
        }
        if (REJECT_WORDS.contains(word)) {
            return new PermissionAnswer(PermissionReply.REJECT, null);
        }
        return new PermissionAnswer(PermissionReply.REJECT, text);
    }

    /** 👍 allows once, ✅ always, 👎 rejects; other emoji answer nothing. */
    public static Optional<PermissionAnswer> fromReaction(String emojiName) {
        switch (emojiName) {
            case Emoji.ALLOW_ONCE:
            case "thumbsup":
                return Optional.of(new PermissionAnswer(PermissionReply.ONCE, null));
            case Emoji.ALLOW_ALWAYS:
                return Optional.of(new PermissionAnswer(PermissionReply.ALWAYS, null));
            case Emoji.REJECT:
            case "thumbsdown":
                return Optional.of(new PermissionAnswer(PermissionReply.REJECT, null));
            default:
                return Optional.empty();
        }
    }
}
